/** The layout jsdom lacks and recharts measures, for the dashboard's component
 *  tests: every element is 520 x 210 (its container, its resize observer) but the
 *  span recharts measures a label in, which is as wide as its text at 6 px a
 *  character and 12 px high (so that the axes keep their ticks); plus the blob
 *  URLs a PNG export makes and matchMedia for antd. */
import { installDomGaps } from '../../../testing/render';

export const TEST_WIDTH = 520;
export const TEST_HEIGHT = 210;

export function installChartDom(): void {
  installDomGaps();
  globalThis.ResizeObserver ??= class {
    constructor(private cb: ResizeObserverCallback) {}
    observe(target: Element) {
      this.cb(
        [{ target, contentRect: { width: TEST_WIDTH, height: TEST_HEIGHT } } as unknown as ResizeObserverEntry],
        this as never,
      );
    }
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => TEST_WIDTH });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => TEST_HEIGHT });
  HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
    const label = this.id === 'recharts_measurement_span';
    const width = label ? (this.textContent ?? '').length * 6 : TEST_WIDTH;
    const height = label ? 12 : TEST_HEIGHT;
    return { width, height, top: 0, left: 0, right: width, bottom: height, x: 0, y: 0, toJSON: () => ({}) } as DOMRect;
  };
  URL.createObjectURL ??= () => 'blob:x';
  URL.revokeObjectURL ??= () => {};
}
