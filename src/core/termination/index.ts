/**
 * mystic's termination conditions as data: factories, the text form (parse and print), and the check a
 * solver runs after every generation. docs/terminations.md describes the language and every condition.
 */
import { OptionError } from '../errors';
import {
  conditionMessage,
  conditionSpecs,
  resolveSettings,
  settingProblem,
  TerminationReading,
} from './conditions';
import { pythonValue } from './numberText';
import type { ConditionArg, ConditionName, Termination, TerminationView } from './types';

export { parseTermination, printTermination } from './text';
export { conditionSpecs, type ConditionParameter, type ConditionSpec } from './conditions';

/**
 * The stop message ('' when not met). Several satisfied conditions are joined with "; " in term order,
 * each message once (mystic de-duplicates through a set, in no fixed order).
 */
export function checkTermination(termination: Termination, view: TerminationView): string {
  const messages = satisfied(termination, new TerminationReading(view));
  return [...new Set(messages)].join('; ');
}

/** The messages of the satisfied conditions; empty when the termination is not met. */
function satisfied(termination: Termination, reading: TerminationReading): string[] {
  switch (termination.type) {
    case 'condition': {
      const spec = conditionSpecs[termination.name];
      const settings = resolveSettings(spec, termination.args);
      const verdict = spec.verdict(settings, reading);
      if (typeof verdict === 'string') return [verdict];
      return verdict ? [conditionMessage(spec, settings)] : [];
    }
    case 'And': {
      const all: string[] = [];
      for (const term of termination.terms) {
        const messages = satisfied(term, reading);
        if (messages.length === 0) return [];
        all.push(...messages);
      }
      return all;
    }
    case 'Or':
      return termination.terms.flatMap((term) => satisfied(term, reading));
    case 'When':
      return satisfied(termination.term, reading);
    case 'Not':
      return satisfied(termination.term, reading).length === 0 ? [describeTermination(termination)] : [];
  }
}

/**
 * How many of the latest energy-history entries checking `termination` reads (Infinity: the whole history,
 * which a change over 0 generations compares with generation 0). A solver keeping only a window of its
 * history must keep at least this many for its stops to be the same.
 */
export function historyNeeded(termination: Termination | undefined): number {
  if (!termination) return 1;
  switch (termination.type) {
    case 'condition': {
      const spec = conditionSpecs[termination.name];
      return spec.lookback?.(resolveSettings(spec, termination.args)) ?? 1;
    }
    case 'And':
    case 'Or':
      return Math.max(1, ...termination.terms.map(historyNeeded));
    case 'When':
    case 'Not':
      return historyNeeded(termination.term);
  }
}

/**
 * A termination in words: a condition's stop message, compounds wrapped around their terms, e.g.
 * `Not(VTR with {'tolerance': 0.005, 'target': 0.0})`. This is the message of a satisfied Not.
 */
export function describeTermination(termination: Termination): string {
  switch (termination.type) {
    case 'condition': {
      const spec = conditionSpecs[termination.name];
      return conditionMessage(spec, resolveSettings(spec, termination.args));
    }
    case 'And':
    case 'Or':
      return `${termination.type}(${termination.terms.map(describeTermination).join(', ')})`;
    case 'When':
    case 'Not':
      return `${termination.type}(${describeTermination(termination.term)})`;
  }
}

/** The message when the solver's own limits stop it (mystic lists evaluations first here). */
export function limitsMessage(generations: number, evaluations: number): string {
  const settings = `'evaluations': ${pythonValue(evaluations, 'number')}, 'generations': ${pythonValue(generations, 'number')}`;
  return `EvaluationLimits with {${settings}}`;
}

// ----- factories ----------------------------------------------------------------------------------------

/**
 * A condition from positional settings; `undefined` means "mystic's default", filled in only where a later
 * setting is given (the data keeps no trailing defaults, so it prints as written).
 */
function condition(name: ConditionName, given: readonly (ConditionArg | undefined)[]): Termination {
  const spec = conditionSpecs[name];
  let length = given.length;
  while (length > 0 && given[length - 1] === undefined) length--;
  const args = given.slice(0, length).map((value, i) => {
    if (value === undefined) return spec.parameters[i]?.defaultValue ?? null;
    const problem = settingProblem(spec, i, value);
    if (problem) throw new OptionError('termination', `${problem}.`);
    return value;
  });
  return { type: 'condition', name, args };
}

export const vtr = (tolerance?: number, target?: number): Termination => condition('VTR', [tolerance, target]);
export const changeOverGeneration = (tolerance?: number, generations?: number): Termination =>
  condition('ChangeOverGeneration', [tolerance, generations]);
export const normalizedChangeOverGeneration = (tolerance?: number, generations?: number): Termination =>
  condition('NormalizedChangeOverGeneration', [tolerance, generations]);
export const candidateRelativeTolerance = (xtol?: number, ftol?: number): Termination =>
  condition('CandidateRelativeTolerance', [xtol, ftol]);
export const solutionImprovement = (tolerance?: number): Termination => condition('SolutionImprovement', [tolerance]);
export const normalizedCostTarget = (
  fval?: number | null,
  tolerance?: number,
  generations?: number | null,
): Termination => condition('NormalizedCostTarget', [fval, tolerance, generations]);
export const vtrChangeOverGeneration = (
  ftol?: number,
  gtol?: number,
  generations?: number,
  target?: number,
): Termination => condition('VTRChangeOverGeneration', [ftol, gtol, generations, target]);
export const populationSpread = (tolerance?: number): Termination => condition('PopulationSpread', [tolerance]);
export const gradientNormTolerance = (tolerance?: number, norm?: number): Termination =>
  condition('GradientNormTolerance', [tolerance, norm]);
export const evaluationLimits = (generations?: number | null, evaluations?: number | null): Termination =>
  condition('EvaluationLimits', [generations, evaluations]);
export const timeLimits = (seconds?: number): Termination => condition('TimeLimits', [seconds]);
export const solverInterrupt = (): Termination => condition('SolverInterrupt', []);

function compound(type: 'And' | 'Or', terms: readonly Termination[]): Termination {
  if (terms.length === 0) throw new OptionError('termination', `${type} needs at least one condition.`);
  return { type, terms: [...terms] };
}

/** Met when every term is met. */
export const and = (...terms: Termination[]): Termination => compound('And', terms);
/** Met when any term is met. */
export const or = (...terms: Termination[]): Termination => compound('Or', terms);
/** Met when its term is met (mystic's single-condition wrapper). */
export const when = (term: Termination): Termination => ({ type: 'When', term });
/** Met when its term is not met. */
export const not = (term: Termination): Termination => ({ type: 'Not', term });
