import { requireTool } from './required-tool';

describe('requireTool', () => {
  it.each(['java', 'mvn', 'go'] as const)('names a missing %s and says what to install', (tool) => {
    expect(() => requireTool(tool, { PATH: '/nonexistent' })).toThrow(new RegExp(`'${tool}' was not found on PATH.*install`));
  });

  it('passes when the tool is there', () => {
    expect(() => requireTool('java')).not.toThrow();
  });
});
