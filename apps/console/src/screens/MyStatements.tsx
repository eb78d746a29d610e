import { useMe } from '../session';
import { Page } from '../ui/common';
import { StatementList } from './StatementView';

export function MyStatements() {
  const me = useMe().data!;
  return (
    <Page title="My statements">
      <StatementList repId={me.sub} />
    </Page>
  );
}
