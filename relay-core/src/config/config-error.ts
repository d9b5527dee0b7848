/** An invalid config.yaml: the message names the file, the path and the problem. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly issues: Array<{ path: string; message: string }>;

  constructor(file: string, issues: Array<{ path: string; message: string }>) {
    super(
      issues.map((issue) => `${file}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
