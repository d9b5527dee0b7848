import { describe, expect, it } from 'vitest';
import { catastrophicReason } from './check-pattern.js';

describe('catastrophicReason', () => {
  it.each([
    ['(a+)+$', /repeat inside a repeat \(a\+ inside \(a\+\)\+\)/],
    ['(a*)*b', /repeat inside a repeat/],
    ['^(\\w+\\s?)*$', /repeat inside a repeat \(\\w\+ inside/],
    ['(?:x+y?)+z', /repeat inside a repeat/],
    ['(a|a)+$', /alternatives that can begin with the same character/],
    ['(a|ab)*c', /alternatives that can begin with the same character/],
    ['(\\w|\\d)+!', /alternatives that can begin with the same character/],
    ['(?:A|a)+!', /alternatives/],
    ['(.|\\s)*x', /alternatives/],
    ['(a{1,3}){2,}', /repeat inside a repeat/],
    ['(x)\\1+', /backreference \(\\1\)/],
    ['(?<q>["\'])(.*)\\k<q>', /backreference \(\\k<q>\)/],
    ['(?=(a+)+)', /repeat inside a repeat/],
    ['(a+b?)+$', /repeat inside a repeat/],
    ['((a+)|b)+$', /repeat inside a repeat/],
  ])('refuses %s', (pattern, reason) => {
    expect(catastrophicReason(pattern)).toMatch(reason);
  });

  it.each([
    "^I(?: a|')m sorry",
    'as an ai',
    '\\b(fix|debug|refactor)\\b',
    '(?:foo|bar)+',
    '[a-z]+@example\\.com',
    '(ab?)+c',
    '(\\d{3})+$',
    '^\\s*```',
    '(?:\\[\\d+\\])+',
    '^(\\d+\\.)+\\d+$',
    '[(a+)+]',
    '\\(a+\\)+',
    'colou?r',
    '.*sorry',
  ])('accepts %s', (pattern) => {
    expect(catastrophicReason(pattern)).toBeUndefined();
  });
});
