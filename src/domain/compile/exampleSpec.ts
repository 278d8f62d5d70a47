/**
 * The example that ships with the app (the Compile page's "Example: slugify" button and the
 * README's "Compile targets" section): a target, its tests, and nudges worth trying.
 */
export const EXAMPLE_TITLE = 'Example: slugify';

export const EXAMPLE_NUDGES: readonly string[] = [
  'Normalise accented letters to plain ASCII first',
  'Collapse runs of separators into one hyphen',
  'Keep the function pure and small',
  'Use a lookup table for every character',
];

export const EXAMPLE_SPEC = `# Example: slugify

Turn a title into the slug of a web address. The compile loop asks a model for many
variations of the function below and keeps the ones that pass every test block.

## Target

\`\`\`ts target
/**
 * The URL slug of a title: lower case; accented letters become their plain ASCII letter
 * (é -> e); every run of characters that are not ASCII letters or digits becomes a single
 * hyphen; no hyphen at the start or the end. An empty or all-symbol title gives "".
 */
export function slugify(title: string): string
\`\`\`

## Tests

\`\`\`ts test words become hyphenated
assert.equal(slugify('Hello World'), 'hello-world');
\`\`\`

\`\`\`ts test punctuation and repeated separators collapse
assert.equal(slugify('Hello,   World!!'), 'hello-world');
assert.equal(slugify('a -- b'), 'a-b');
\`\`\`

\`\`\`ts test accents are removed
assert.equal(slugify('Crème brûlée à Paris'), 'creme-brulee-a-paris');
\`\`\`

\`\`\`ts test no hyphen at the ends
assert.equal(slugify('  --Trim me--  '), 'trim-me');
assert.equal(slugify('!!!'), '');
\`\`\`

## Tasks
- [ ] Compile it and accept the best candidate
`;
