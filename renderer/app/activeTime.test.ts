import { describe, it, expect } from 'vitest';
import { ActiveTime, IDLE_AFTER_MS, SEND_EVERY_MS, TimeRecorder, type RecorderHost } from './activeTime';

describe('ActiveTime', () => {
  it('counts nothing before the first input', () => {
    const time = new ActiveTime(0, true);
    expect(time.take(50_000)).toBe(0);
  });

  it('counts while focused, up to a minute after the last input', () => {
    const time = new ActiveTime(0, true);
    time.input(1_000);
    time.input(20_000);
    expect(time.take(30_000)).toBe(29_000);
    // Idle since 20 s: counting stops at 80 s.
    expect(time.take(200_000)).toBe(20_000 + IDLE_AFTER_MS - 30_000);
    time.input(300_000);
    expect(time.take(310_000)).toBe(10_000);
  });

  it('counts nothing while the window is not focused', () => {
    const time = new ActiveTime(0, false);
    time.input(0);
    expect(time.take(10_000)).toBe(0);
    time.focus(10_000);
    time.input(10_000);
    time.blur(15_000);
    expect(time.take(40_000)).toBe(5_000);
  });

  it('is never negative nor more than the time that passed, whatever the order of events', () => {
    const time = new ActiveTime(0, true);
    let clock = 0;
    let total = 0;
    for (let i = 0; i < 500; i++) {
      clock += (i * 7919) % 97_000;
      const event = i % 5;
      if (event === 0) time.blur(clock);
      else if (event === 1) time.focus(clock);
      else if (event < 4) time.input(clock);
      else total += time.take(clock);
    }
    total += time.take(clock);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(clock);
  });
});

/** A window stand-in with a clock the test moves and timers it fires. */
class FakeHost implements RecorderHost {
  clock = 0;
  focused = true;
  listeners = new Map<string, () => void>();
  intervals = new Map<number, () => void>();
  now = () => this.clock;
  hasFocus = () => this.focused;
  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, listener);
  }
  removeEventListener(type: string) {
    this.listeners.delete(type);
  }
  setInterval(handler: () => void, _ms: number) {
    this.intervals.set(1, handler);
    return 1;
  }
  clearInterval(id: number) {
    this.intervals.delete(id);
  }
  fire(type: string) {
    this.listeners.get(type)?.();
  }
  /** Let `ms` pass with a key press at its start, firing the periodic send once at the end. */
  work(ms: number) {
    this.fire('keydown');
    this.clock += ms;
    for (const handler of this.intervals.values()) handler();
  }
}

describe('TimeRecorder', () => {
  it('sends the open document’s time every half minute, and on switching documents', () => {
    const host = new FakeHost();
    const sent: Array<[string, number]> = [];
    const recorder = new TimeRecorder(host, (docId, ms) => sent.push([docId, ms]));
    recorder.open('d1');
    host.work(SEND_EVERY_MS);
    expect(sent).toEqual([['d1', SEND_EVERY_MS]]);
    host.fire('keydown');
    host.clock += 5_000;
    recorder.open('d2');
    expect(sent).toEqual([['d1', SEND_EVERY_MS], ['d1', 5_000]]);
    host.work(10_000);
    recorder.stop();
    expect(sent.at(-1)).toEqual(['d2', 10_000]);
    expect(host.listeners.size).toBe(0);
    expect(host.intervals.size).toBe(0);
  });

  it('sends nothing for time with no document open, nor for a blurred window', () => {
    const host = new FakeHost();
    const sent: Array<[string, number]> = [];
    const recorder = new TimeRecorder(host, (docId, ms) => sent.push([docId, ms]));
    host.work(20_000);
    recorder.open('d1');
    host.fire('blur');
    host.work(40_000);
    recorder.stop();
    expect(sent).toEqual([]);
  });
});
