import { describe, expect, it } from 'vitest';
import { PlaceholderError, substitute, unknownPlaceholders } from './placeholders.js';

const values = { model_path: '/m', model_file: '/m/x.gguf', model_id: 'id', port: '20001', host: '127.0.0.1', gpus: '0,1', served_name: 'chat', python: 'python3' };

describe('placeholders', () => {
  it('substitutes every known placeholder, several per template', () => {
    expect(substitute('--model={model_path} --port {port}', values)).toBe('--model=/m --port 20001');
    expect(substitute('{python}:{served_name}:{gpus}:{model_file}:{model_id}:{host}', values)).toBe('python3:chat:0,1:/m/x.gguf:id:127.0.0.1');
    expect(substitute('no placeholder', values)).toBe('no placeholder');
  });

  it('keeps doubled braces as literal braces', () => {
    expect(substitute('{{"port": {port}}}', values)).toBe('{"port": 20001}');
  });

  it('refuses an unknown placeholder instead of passing a typo to the command line', () => {
    expect(() => substitute('--port {prot}', values)).toThrow(PlaceholderError);
    expect(() => substitute('--port {prot}', values)).toThrow(/unknown placeholder \{prot\}/);
    expect(() => substitute('{port}', {})).toThrow(/has no value/);
  });

  it('lists the unknown placeholders of a template', () => {
    expect(unknownPlaceholders('{port} {nope} {{literal}} {model_path} {x}')).toEqual(['nope', 'x']);
    expect(unknownPlaceholders('{{port}}')).toEqual([]);
  });
});
