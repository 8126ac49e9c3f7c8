import { describe, expect, it } from 'vitest';
import { contrastRatio, effectiveBackground, over, parseColor } from './contrast.js';

// The arithmetic the page's contrast check stands on, against WCAG's own examples.
describe('WCAG 2.1 contrast', () => {
  const c = (css: string) => {
    const parsed = parseColor(css);
    if (!parsed) throw new Error(css);
    return parsed;
  };

  it('reads computed colours, with and without alpha', () => {
    expect(parseColor('rgb(27, 27, 27)')).toEqual({ r: 27, g: 27, b: 27, a: 1 });
    expect(parseColor('rgba(11, 87, 164, 0.14)')).toEqual({ r: 11, g: 87, b: 164, a: 0.14 });
    expect(parseColor('transparent')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseColor('color(display-p3 1 0 0)')).toBeNull();
  });

  it('gives 21:1 for black on white, 1:1 for a colour on itself, and the known greys', () => {
    expect(contrastRatio(c('rgb(0, 0, 0)'), c('rgb(255, 255, 255)'))).toBeCloseTo(21, 5);
    expect(contrastRatio(c('rgb(84, 84, 84)'), c('rgb(84, 84, 84)'))).toBe(1);
    // #767676 is the lightest grey that passes 4.5:1 on white; #777777 just fails.
    expect(contrastRatio(c('rgb(118, 118, 118)'), c('rgb(255, 255, 255)'))).toBeGreaterThan(4.5);
    expect(contrastRatio(c('rgb(119, 119, 119)'), c('rgb(255, 255, 255)'))).toBeLessThan(4.5);
  });

  it('composes translucent backgrounds onto the first opaque one behind them', () => {
    const bg = effectiveBackground(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0.5)', 'rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    expect([Math.round(bg.r), bg.a]).toEqual([128, 1]);
    expect(effectiveBackground(['rgba(0, 0, 0, 0)'])).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(over(c('rgba(0, 0, 0, 0.25)'), c('rgb(200, 200, 200)')).r).toBeCloseTo(150, 5);
  });
});
