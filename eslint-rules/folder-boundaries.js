// @ts-check
/**
 * The architecture's folder boundaries as an ESLint rule. An import is judged by the
 * folder it lands in, resolved from the importing file, so `../main/ipc.ts` from
 * electron/core and `../../main/ipc.ts` from electron/core/library are the same import
 * (a pattern on the import's text could not tell them from each other).
 *
 * Options: `forbiddenFolders` — folders (from the project root) the files may not import;
 * `allowedFolders` and `allowedPackages` — when given, the only folders and packages the
 * files may import; `message` — what to tell the author.
 */
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** @param {string} file  @param {string[]} folders */
const inside = (file, folders) => folders.some((folder) => file === folder || file.startsWith(`${folder}/`));

/** @type {import('eslint').Rule.RuleModule} */
export const folderBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each part of the app to the folders and packages it may import.' },
    schema: [
      {
        type: 'object',
        properties: {
          forbiddenFolders: { type: 'array', items: { type: 'string' } },
          allowedFolders: { type: 'array', items: { type: 'string' } },
          allowedPackages: { type: 'array', items: { type: 'string' } },
          message: { type: 'string' },
        },
        required: ['message'],
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { forbiddenFolders = [], allowedFolders, allowedPackages, message } = context.options[0];
    const from = path.dirname(context.filename);

    /** @param {string} source */
    function refused(source) {
      if (!source.startsWith('.') && !path.isAbsolute(source)) return allowedPackages !== undefined && !allowedPackages.includes(source);
      const target = path.relative(root, path.resolve(from, source)).split(path.sep).join('/');
      return inside(target, forbiddenFolders) || (allowedFolders !== undefined && !inside(target, allowedFolders));
    }

    /** @param {import('estree').Node | null | undefined} node */
    function check(node) {
      if (node?.type === 'Literal' && typeof node.value === 'string' && refused(node.value)) {
        context.report({ node, message: `'${node.value}': ${message}` });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};
