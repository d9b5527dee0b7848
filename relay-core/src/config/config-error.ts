/** One problem in config.yaml: the key path (`providers[1].base_url`, or '' for syntax) and what is wrong. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * An invalid config.yaml (or SWITCHBOARD_HOST / SWITCHBOARD_PORT). The message names the file,
 * the path and the problem, one line per issue: `config.yaml: providers[1].base_url: Invalid URL`.
 */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  /** Retrying without editing the file cannot help. */
  readonly isRetryable = false;
  readonly issues: ConfigIssue[];

  constructor(file: string, issues: ConfigIssue[]) {
    super(
      issues.map((issue) => `${file}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
