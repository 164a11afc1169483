/** The files of a project (or of the data folder) that could not be read, by relative path. */
import type { FileProblem } from '../shared/types';

export class FileProblems {
  readonly #byFile = new Map<string, string>();

  add(file: string, message: string): void {
    this.#byFile.set(file, message);
  }

  has(file: string): boolean {
    return this.#byFile.has(file);
  }

  list(): FileProblem[] {
    return [...this.#byFile].map(([file, message]) => ({ file, message }));
  }
}
