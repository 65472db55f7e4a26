// An OpenAI-compatible chat-completions endpoint that streams a fixed Markdown reply token by
// token, with usage numbers, like a real provider. "slowly" in the prompt makes it crawl, so a
// test can press Stop mid-reply; a catch-up's numbered messages are answered citing the first and last.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const REPLY = 'Hello from the **fake model**. Ask me anything.';

export class FakeLlm {
  private server: Server | null = null;
  requests = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    this.requests++;
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const request = JSON.parse(raw) as { model: string; messages: { content: string }[] };
    const prompt = request.messages.map((m) => m.content).join('\n');
    const last = request.messages.at(-1)?.content ?? '';
    const slow = /slowly/i.test(last);
    // a catch-up numbers the messages it summarises: cite the first and the last
    const cited = [...last.matchAll(/\[#(\d+)\]/g)].map((m) => m[1]);
    const tokens = slow
      ? Array.from({ length: 200 }, (_, i) => `word${i} `)
      : cited.length > 0
        ? ['- It ', 'started ', `[#${cited[0]}]\n`, '- and ', 'ended ', `[#${cited.at(-1)}]`]
        : REPLY.match(/\S+\s*/g)!;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    let closed = false;
    res.on('close', () => (closed = true));
    const chunk = (body: object) =>
      res.write(`data: ${JSON.stringify({ id: 'chatcmpl-e2e', object: 'chat.completion.chunk', model: request.model, ...body })}\n\n`);
    chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    for (const token of tokens) {
      if (closed) return;
      await new Promise((r) => setTimeout(r, slow ? 150 : 40));
      chunk({ choices: [{ index: 0, delta: { content: token }, finish_reason: null }] });
    }
    chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    const promptTokens = Math.ceil(prompt.length / 4);
    chunk({
      choices: [],
      usage: { prompt_tokens: promptTokens, completion_tokens: tokens.length, total_tokens: promptTokens + tokens.length },
    });
    res.end('data: [DONE]\n\n');
  }
}
