/**
 * What refused a small form (a modal's, a card's row of fields), said under it in the error
 * colour and read out at once (role alert). Screens with whole forms use ProblemsAlert.
 */
export function FormProblem({ problem }: { problem: string | undefined }) {
  if (!problem) return null;
  return (
    <p role="alert" className="form-problem">
      {problem}
    </p>
  );
}
