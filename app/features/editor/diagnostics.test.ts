import { describe, expect, it } from 'vitest';
import { blockingReason } from './diagnostics';
import { defaultExportRange, describeShapeError, flattenDiagnostic } from './problemModuleType';

describe('blocking reason', () => {
  it('is empty without errors', () => {
    expect(blockingReason([])).toBe('');
  });
  it('names the first error by position and counts the rest once', () => {
    const reason = blockingReason([
      { line: 7, column: 3, message: "Cannot find name 'rosn'." },
      { line: 2, column: 10, message: "',' expected" },
      { line: 2, column: 10, message: "',' expected" },
    ]);
    expect(reason).toBe("Problem module, line 2: ',' expected. (and 1 more error)");
  });
});

describe('default export check', () => {
  it('finds export default, else line 1', () => {
    expect(defaultExportRange("import { rosen } from 'sibyl/models';\n\nexport default {\n")).toEqual({ line: 3, column: 1, endColumn: 15 });
    expect(defaultExportRange('const a = 1;')).toEqual({ line: 1, column: 1, endColumn: 13 });
  });
  it('flattens TypeScript message chains', () => {
    const chain = { messageText: "Type '{ dim: number; }' is not assignable to type 'ProblemModule'.", next: [{ messageText: "Property 'objective' is missing." }] };
    expect(flattenDiagnostic(chain)).toBe("Type '{ dim: number; }' is not assignable to type 'ProblemModule'. Property 'objective' is missing.");
  });
  it('says what to write when there is no default export', () => {
    expect(describeShapeError('Module \'"file:///problem"\' has no default export.')).toMatch(/needs a default export/);
  });
});
