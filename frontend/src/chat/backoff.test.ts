import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, reconnectDelay } from './backoff';

describe('reconnect backoff', () => {
  it('doubles the ceiling per attempt and stays within half to all of it', () => {
    expect(reconnectDelay(0, () => 0)).toBe(250);
    expect(reconnectDelay(0, () => 1)).toBe(500);
    expect(reconnectDelay(3, () => 0)).toBe(2000);
    expect(reconnectDelay(3, () => 1)).toBe(4000);
  });

  it('is capped', () => {
    expect(reconnectDelay(40, () => 1)).toBe(MAX_DELAY_MS);
  });
});
