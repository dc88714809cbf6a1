// A load run that cannot start or cannot finish, said in one line that carries what to do.
export class LoadError extends Error {
  constructor(message: string) {
    super(message.replace(/\s+/g, ' ').trim());
    this.name = 'LoadError';
  }
}
