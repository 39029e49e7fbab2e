import { describe, expect, it } from 'vitest';
import { filterPaths, globToRegExp } from './glob.js';

const files = ['config.json', 'model.safetensors', 'model-00001-of-00002.safetensors', 'onnx/model.onnx', 'README.md', 'docs/usage.md', 'tokenizer.json', 'q4/model.Q4_K_M.gguf'].map((path) => ({ path }));
const paths = (include?: string[], exclude?: string[]) => filterPaths(files, include, exclude).map((f) => f.path);

describe('glob filters (fnmatch, like huggingface_hub allow/ignore patterns)', () => {
  it('keeps everything without patterns', () => {
    expect(paths()).toHaveLength(files.length);
  });

  it('* crosses folders, ? is one character, [] a set', () => {
    expect(paths(['*.json'])).toEqual(['config.json', 'tokenizer.json']);
    expect(paths(['*.md'])).toEqual(['README.md', 'docs/usage.md']);
    expect(paths(['model-0000?-of-00002.safetensors'])).toEqual(['model-00001-of-00002.safetensors']);
    expect(paths(['[ct]*.json'])).toEqual(['config.json', 'tokenizer.json']);
    expect(paths(['[!c]*.json'])).toEqual(['tokenizer.json']);
    expect(paths(['*Q4_K_M*'])).toEqual(['q4/model.Q4_K_M.gguf']);
  });

  it('a pattern ending in / takes the whole folder', () => {
    expect(paths(['onnx/'])).toEqual(['onnx/model.onnx']);
  });

  it('excludes win over includes', () => {
    expect(paths(['*.safetensors', '*.json'], ['model-*', 'tokenizer*'])).toEqual(['config.json', 'model.safetensors']);
    expect(paths(undefined, ['*.md', 'onnx/*'])).toEqual(['config.json', 'model.safetensors', 'model-00001-of-00002.safetensors', 'tokenizer.json', 'q4/model.Q4_K_M.gguf']);
  });

  it('treats regex characters literally and matches whole paths only', () => {
    expect(globToRegExp('a+b(c).json').test('a+b(c).json')).toBe(true);
    expect(globToRegExp('a.json').test('abjson')).toBe(false);
    expect(globToRegExp('config.json').test('sub/config.json')).toBe(false);
    expect(globToRegExp('[oops').test('[oops')).toBe(true);
  });
});
