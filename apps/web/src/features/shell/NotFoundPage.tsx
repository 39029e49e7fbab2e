import { Link } from 'react-router';
import { Card } from '../../components/ui/Card';
import { PageHeader } from './PageHeader';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <Card className="px-6 py-14 text-center text-sm text-neutral-600">
        There is no page at this address.{' '}
        <Link to="/" className="font-medium text-neutral-900 underline">
          Go to the dashboard
        </Link>
      </Card>
    </>
  );
}
