import { useChamberName } from '../lib/chambers';

/** A chamber by its name (its id until the name is read, or when it cannot be). */
export function ChamberName({ id }: { id: string }) {
  return <>{useChamberName(id) ?? id}</>;
}
