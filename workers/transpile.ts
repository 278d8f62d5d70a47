import type { TypeDiagnostic } from '../src/domain/evidence/run';

/**
 * TypeScript to JavaScript in the browser, with the `typescript` package's transpileModule
 * (types are erased; no type checking, which would need the standard library's declarations).
 * The package is large (about 3.5 MB), so it is loaded on first use, in the compile worker,
 * never on the page. Diagnostics are the syntax errors transpileModule reports.
 *
 * Candidates become CommonJS, so `export function f` and any `import` (which becomes `require`,
 * refused by the harness) run inside a function body. Tests are statements that may `await`:
 * they are wrapped in an async function for the transpiler and unwrapped again.
 */
type Ts = typeof import('typescript');

let loading: Promise<Ts> | undefined;

function typescript(): Promise<Ts> {
  loading ??= import('typescript').then((m) => ((m as { default?: Ts }).default ?? m) as Ts);
  return loading;
}

export interface Transpiled {
  js: string;
  diagnostics: TypeDiagnostic[];
}

const WRAP_OPEN = 'async function __test__() {\n';

export async function transpile(code: string, kind: 'candidate' | 'test'): Promise<Transpiled> {
  const ts = await typescript();
  const source = kind === 'test' ? `${WRAP_OPEN}${code}\n}\n` : code;
  const out = ts.transpileModule(source, {
    fileName: kind === 'test' ? 'test.ts' : 'candidate.ts',
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, removeComments: false },
  });
  const offset = kind === 'test' ? 1 : 0;
  const diagnostics = (out.diagnostics ?? []).map((d) => {
    const diagnostic: TypeDiagnostic = { message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
    if (d.file && d.start !== undefined) diagnostic.line = Math.max(1, d.file.getLineAndCharacterOfPosition(d.start).line + 1 - offset);
    return diagnostic;
  });
  return { js: kind === 'test' ? unwrap(out.outputText) : out.outputText, diagnostics };
}

/** The body of the wrapper function in the transpiler's output (kept whole if it looks unusual). */
function unwrap(js: string): string {
  const start = js.indexOf(WRAP_OPEN);
  const end = js.lastIndexOf('}');
  return start >= 0 && end > start ? js.slice(start + WRAP_OPEN.length, end) : js;
}
