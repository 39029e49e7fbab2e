import { Card } from '../../components/ui/Card';
import { PageHeader } from '../shell/PageHeader';

/** A page the product will have but this version does not: its title, and no made-up content. */
export function NotBuiltPage({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Card className="px-6 py-14 text-center">
        <p className="text-sm font-medium text-neutral-700">This page is not built yet.</p>
      </Card>
    </>
  );
}
