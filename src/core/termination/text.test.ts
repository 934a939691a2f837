import { describe, expect, it } from 'vitest';
import { ParseError } from '../errors';
import { Random } from '../random';
import { conditionSpecs } from './conditions';
import { parseTermination, printTermination } from './index';
import { conditionNames, type ConditionArg, type Termination } from './types';

describe('canonical text round-trips', () => {
  const texts = [
    'VTR()',
    'VTR(0.01)',
    'VTR(0.01, -3.5)',
    'ChangeOverGeneration(1e-6, 30)',
    'NormalizedChangeOverGeneration(1e-4, 10)',
    'CandidateRelativeTolerance(1e-4, 1e-4)',
    'SolutionImprovement(1e-5)',
    'NormalizedCostTarget(None, 1e-6, 30)',
    'NormalizedCostTarget(-12.25, 1e-3, None)',
    'VTRChangeOverGeneration(5e-3, 1e-6, 30, 0)',
    'PopulationSpread(1e-6)',
    'GradientNormTolerance(1e-5, inf)',
    'GradientNormTolerance(1e-5, 2)',
    'EvaluationLimits(None, 60000)',
    'EvaluationLimits(10)',
    'TimeLimits(86400)',
    'TimeLimits(0.5)',
    'SolverInterrupt()',
    'VTR(-inf)',
    'VTR(1.5e300, -2.5e-10)',
    'VTR(-0)',
    'Or(VTR(0.01), ChangeOverGeneration(1e-6, 30))',
    'And(NormalizedChangeOverGeneration(1e-4, 10), Not(VTR(100)))',
    'Or(And(VTR(), ChangeOverGeneration()), When(NormalizedChangeOverGeneration()))',
    'Not(Not(Not(SolverInterrupt())))',
    'And(VTR())',
    'Or(TimeLimits(60), SolverInterrupt(), EvaluationLimits(100, 1000000))',
  ];
  it.each(texts)('%s', (text) => {
    expect(printTermination(parseTermination(text))).toBe(text);
  });

  it('parses to the expected data', () => {
    expect(parseTermination('And(NormalizedChangeOverGeneration(1e-4, 10), Not(VTR(100)))')).toEqual({
      type: 'And',
      terms: [
        { type: 'condition', name: 'NormalizedChangeOverGeneration', args: [1e-4, 10] },
        { type: 'Not', term: { type: 'condition', name: 'VTR', args: [100] } },
      ],
    });
    expect(parseTermination('NormalizedCostTarget(None, 1e-6, 30)')).toEqual({
      type: 'condition',
      name: 'NormalizedCostTarget',
      args: [null, 1e-6, 30],
    });
  });
});

describe('accepted variants print canonically', () => {
  const variants: [string, string][] = [
    ['  Or( VTR( 0.01 ) ,ChangeOverGeneration(1e-06,30) )  ', 'Or(VTR(0.01), ChangeOverGeneration(1e-6, 30))'],
    ['And(\n  VTR(0.005),\n  COG(),\n)', 'And(VTR(5e-3), ChangeOverGeneration())'],
    ['VTR(tolerance=0.01, target=2)', 'VTR(0.01, 2)'],
    ['VTR(target=2)', 'VTR(5e-3, 2)'],
    ['VTR(0.01, target = 2.)', 'VTR(0.01, 2)'],
    ['EvaluationLimits(evaluations=1_000)', 'EvaluationLimits(None, 1000)'],
    ['NCOG(generations=20)', 'NormalizedChangeOverGeneration(1e-4, 20)'],
    ['CRT(xtol=1e-3)', 'CandidateRelativeTolerance(1e-3)'],
    ['VTRCOG(ftol=0.1)', 'VTRChangeOverGeneration(0.1)'],
    ['VTR(.5, +1E2)', 'VTR(0.5, 100)'],
    ['VTR(0.0001)', 'VTR(1e-4)'],
    ['GradientNormTolerance(1e-5, Infinity)', 'GradientNormTolerance(1e-5, inf)'],
    ['VTR(-Infinity)', 'VTR(-inf)'],
    ['VTR(INF)', 'VTR(inf)'],
    ['ChangeOverGeneration(1e-6, 30.0)', 'ChangeOverGeneration(1e-6, 30)'],
    ['VTR(0.01,)', 'VTR(0.01)'],
  ];
  it.each(variants)('%s', (text, canonical) => {
    expect(printTermination(parseTermination(text))).toBe(canonical);
  });
});

describe('random trees', () => {
  function randomValue(random: Random, kind: 'float' | 'int' | 'number', nullable: boolean): ConditionArg {
    if (nullable && random.below(5) === 0) return null;
    if (kind === 'int') return random.below(3) === 0 ? random.integer(0, 10) : random.integer(0, 1_000_000);
    switch (random.below(5)) {
      case 0:
        return random.integer(-100, 100);
      case 1:
        return random.integer(-999, 999) / 1000;
      case 2:
        return random.below(2) === 0 ? Infinity : -Infinity;
      default: {
        const magnitude = 10 ** random.integer(-300, 300);
        return (random.below(2) === 0 ? 1 : -1) * random.random() * magnitude;
      }
    }
  }

  function randomTree(random: Random, depth: number): Termination {
    const choice = random.below(depth > 0 ? 8 : 1);
    if (choice >= 4 || choice === 0) {
      const name = conditionNames[random.below(conditionNames.length)] ?? 'VTR';
      const parameters = conditionSpecs[name].parameters;
      const count = random.integer(0, parameters.length);
      const args = parameters.slice(0, count).map((p) => randomValue(random, p.kind, p.nullable));
      return { type: 'condition', name, args };
    }
    if (choice === 1 || choice === 2) {
      const terms = Array.from({ length: random.integer(1, 4) }, () => randomTree(random, depth - 1));
      return { type: choice === 1 ? 'And' : 'Or', terms };
    }
    return { type: random.below(2) === 0 ? 'When' : 'Not', term: randomTree(random, depth - 1) };
  }

  it('print → parse gives the same data and print → parse → print the same text (500 trees, seed 20240601)', () => {
    const random = Random.fromSeed(20240601);
    for (let i = 0; i < 500; i++) {
      const tree = randomTree(random, 4);
      const text = printTermination(tree);
      const parsed = parseTermination(text);
      expect(parsed, text).toEqual(tree);
      expect(printTermination(parsed)).toBe(text);
    }
  });
});

describe('malformed texts', () => {
  const cases: [string, string, number, number][] = [
    ['', 'The termination is empty: expected a condition such as VTR(0.01) at column 1', 1, 1],
    ['   ', 'The termination is empty: expected a condition such as VTR(0.01) at column 1', 1, 1],
    ['VRT()', "Unknown condition 'VRT' at column 1 (did you mean VTR?)", 1, 1],
    ['Or(VRT(0.1))', "Unknown condition 'VRT' at column 4 (did you mean VTR?)", 1, 4],
    ['vtr()', "Unknown condition 'vtr' at column 1 (did you mean VTR?)", 1, 1],
    ['ChangeOverGenerations()', "Unknown condition 'ChangeOverGenerations' at column 1 (did you mean ChangeOverGeneration?)", 1, 1],
    ['Frobnicate()', "Unknown condition 'Frobnicate' at column 1", 1, 1],
    ['VTR', "Expected '(' after VTR at column 4 (end of text)", 1, 4],
    ['VTR(0.1', "Unclosed '(' of VTR at column 4 (missing ')' at the end of the text)", 1, 4],
    ['Or(VTR(0.1), COG()', "Unclosed '(' of Or at column 3 (missing ')' at the end of the text)", 1, 3],
    ['VTR(0.1))', "Unbalanced ')' at column 9", 1, 9],
    ['VTR(0.1) COG()', "Unexpected text 'COG' after the termination at column 10", 1, 10],
    ['VTR(1, 2, 3)', 'VTR takes at most 2 arguments (tolerance, target) at column 11', 1, 11],
    ['SolverInterrupt(1)', 'SolverInterrupt takes no arguments at column 17', 1, 17],
    ['VTR(x)', "Expected a number, inf or None, found 'x' at column 5", 1, 5],
    ['VTR(COG())', "Expected a number, inf or None, found 'COG' at column 5", 1, 5],
    ['VTR(1e)', "Expected a number, inf or None, found '1e' at column 5", 1, 5],
    ['VTR(None)', "VTR's tolerance cannot be None at column 5", 1, 5],
    ['VTR(nan)', "VTR's tolerance cannot be NaN at column 5", 1, 5],
    ['VTR(0.1 0.2)', "Expected ',' or ')' in VTR(…), found '0.2' at column 9", 1, 9],
    ['VTR(,)', "Expected a number, inf or None, found ',' at column 5", 1, 5],
    ['ChangeOverGeneration(1e-6, 2.5)', "ChangeOverGeneration's generations must be a whole number ≥ 0, got 2.5 at column 28", 1, 28],
    ['COG(1e-6, -1)', "ChangeOverGeneration's generations must be a whole number ≥ 0, got -1 at column 11", 1, 11],
    ['VTR(tol=1)', "VTR has no setting 'tol'; its settings are tolerance, target at column 5", 1, 5],
    ['VTR(target=1, 0.1)', 'A positional argument cannot follow a keyword argument at column 15', 1, 15],
    ['VTR(0.1, tolerance=1)', "VTR got 'tolerance' twice at column 10", 1, 10],
    ['And()', 'And takes at least one condition at column 1', 1, 1],
    ['Not()', 'Not takes exactly one condition at column 1', 1, 1],
    ['Not(VTR(), VTR())', 'Not takes exactly one condition at column 12', 1, 12],
    ['And(0.1)', "Expected a condition name such as VTR, found '0.1' at column 5", 1, 5],
    ['And(VTR(),\n    COG(1e-6, 3', "Unclosed '(' of ChangeOverGeneration at line 2, column 8 (missing ')' at the end of the text)", 2, 8],
    ['And(\n  VTR(0.1),\n  VRT())', "Unknown condition 'VRT' at line 3, column 3 (did you mean VTR?)", 3, 3],
  ];
  it.each(cases)('%j', (text, message, line, column) => {
    let error: unknown;
    try {
      parseTermination(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toBe(message);
    expect((error as ParseError).line).toBe(line);
    expect((error as ParseError).column).toBe(column);
  });
});
