import type { Certificate } from '@aigw/shared/admin/certificates';
import { Dialog } from '../../../components/ui/Dialog';
import { formatDateTime } from '../../../lib/format';

function Row({ label, children }: { label: string; children: string }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-neutral-500">{label}</dt>
      <dd className="font-mono text-xs break-all text-neutral-800">{children}</dd>
    </div>
  );
}

/** What the gateway read from a stored certificate (never its key). */
export function CertificateDetailsDialog({ certificate, onClose }: { certificate: Certificate; onClose: () => void }) {
  return (
    <Dialog open size="lg" title={`Certificate ${certificate.name}`} onClose={onClose}>
      <dl aria-label="Certificate details" className="divide-y divide-neutral-100">
        <Row label="Subject">{certificate.subject}</Row>
        <Row label="Issuer">{certificate.issuer}</Row>
        <Row label="Names (SANs)">{certificate.sans.join(', ') || '—'}</Row>
        <Row label="SHA-256 fingerprint">{certificate.fingerprint_sha256}</Row>
        <Row label="Valid from">{formatDateTime(certificate.not_before)}</Row>
        <Row label="Valid until">{formatDateTime(certificate.not_after)}</Row>
        <Row label="Days left">{String(certificate.days_left)}</Row>
        <Row label="Chain">{`${certificate.chain_length} ${certificate.chain_length === 1 ? 'certificate' : 'certificates'}, leaf first`}</Row>
      </dl>
    </Dialog>
  );
}
