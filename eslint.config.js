// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from './scripts/eslint/boundaries.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.pairlane/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { pairlane: boundaries },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'pairlane/part-boundaries': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]", message: 'A focused test silences the rest of the suite.' },
      ],
    },
  },
  {
    // shared/ runs on both sides: nothing from Node or the DOM.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^node:', message: 'shared/ must not need Node.' }] }],
    },
  },
);
