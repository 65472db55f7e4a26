// Reconnect delays: exponential with full jitter, capped, so a restarted server is not stampeded.
export const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 15000;

export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
