// The floors rule: every import of a file on a floor must be on that floor's allow-list (its
// packages and its folders, eslint.config.js FLOORS). An allow-list, not a deny-list, so a new
// package or a new wrong-way import fails lint until someone puts it on a list on purpose.
import path from 'node:path';

/** `@scope/name/x` -> `@scope/name`, `name/x` -> `name`; `?worker` and the like dropped. */
export function packageOf(source) {
  const bare = source.replace(/\?.*$/, '');
  if (bare.startsWith('virtual:')) return bare;
  const parts = bare.split('/');
  return bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const stripTs = (p) => p.replace(/\.(tsx?|jsx?|mjs)$/, '');

/** Whether a repository path (no extension) lies in an allowed folder or is an allowed module. */
export function inFolders(target, folders) {
  return folders.some((f) => {
    const entry = stripTs(f);
    return target === entry || target.startsWith(entry + '/');
  });
}

/** @type {import('eslint').Rule.RuleModule} */
export const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: "imports only from the floor's allowed packages and folders" },
    schema: [
      {
        type: 'object',
        properties: {
          floor: { type: 'string' },
          why: { type: 'string' },
          packages: { type: 'array', items: { type: 'string' } },
          folders: { type: 'array', items: { type: 'string' } },
        },
        required: ['floor', 'packages', 'folders'],
        additionalProperties: false,
      },
    ],
    messages: {
      package: "{{floor}} may not import the package '{{name}}': {{why}} Its packages: {{list}} (FLOORS in eslint.config.js).",
      folder: "{{floor}} may not import '{{target}}': {{why}} Its folders: {{list}} (FLOORS in eslint.config.js).",
    },
  },
  create(context) {
    const { floor, why = '', packages, folders } = context.options[0];
    const root = context.cwd;
    const dir = path.dirname(context.filename);
    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const source = node.value;
      if (source.startsWith('.') || source.startsWith('/')) {
        const target = stripTs(path.relative(root, path.resolve(dir, source.replace(/\?.*$/, ''))).split(path.sep).join('/'));
        if (!inFolders(target, folders))
          context.report({ node, messageId: 'folder', data: { floor, target, why, list: folders.join(', ') } });
        return;
      }
      const name = packageOf(source);
      if (!packages.includes(name))
        context.report({ node, messageId: 'package', data: { floor, name, why, list: packages.join(', ') || 'none' } });
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
      TSImportType: (n) => check(n.argument?.literal ?? n.argument),
    };
  },
};

export const floorsPlugin = { rules: { 'allowed-imports': allowedImports } };
