import type { Route, Strategy } from '@aigw/shared/admin/routes';
import type { Source } from '@aigw/shared/admin/sources';
import { Link } from 'react-router';
import { Checkbox } from '../../../components/ui/Checkbox';
import { FormDialog } from '../../../components/ui/FormDialog';
import { Input } from '../../../components/ui/Input';
import { KeyValueEditor } from '../../../components/ui/KeyValueEditor';
import { Select } from '../../../components/ui/Select';
import { Textarea } from '../../../components/ui/Textarea';
import { useSaveForm } from '../../../lib/use-save-form';
import { useSaveRoute } from '../mutations';
import { emptyRouteForm, routeFieldOf, routeToForm, STRATEGIES, strategyLabels, toRouteRequest, type RouteFormValues } from '../route-form';
import { TargetsEditor } from './TargetsEditor';

export interface RouteFormDialogProps {
  /** The route to edit; null to create one. */
  route: Route | null;
  sources: Source[];
  onClose: () => void;
}

/** Create or edit a route. Mounted while open, so it starts from `route` each time. */
export function RouteFormDialog({ route, sources, onClose }: RouteFormDialogProps) {
  const save = useSaveRoute();
  const { values, errors, unplaced, set, handleSubmit } = useSaveForm<RouteFormValues>(() => (route ? routeToForm(route) : emptyRouteForm()), save, routeFieldOf);
  const submit = handleSubmit(toRouteRequest, (body) => save.mutate({ id: route?.id ?? null, body }, { onSuccess: onClose }));

  return (
    <FormDialog
      formId="route-form"
      title={route ? `Edit ${route.name}` : 'Create route'}
      description="A route sends the requests it matches (by model name, path and headers) to its targets, balanced by its strategy, trying the fallback targets when they fail."
      submitLabel={route ? 'Save changes' : 'Create route'}
      pending={save.isPending}
      onSubmit={submit}
      onClose={onClose}
      error={unplaced}
    >
      {sources.length === 0 ? (
        <div role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          There are no service sources to send to yet.{' '}
          <Link to="/sources" className="font-medium underline">
            Add a source
          </Link>{' '}
          first.
        </div>
      ) : null}

      <div className="grid grid-cols-1 gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1.2fr)_7rem]">
        <Input label="Name" autoComplete="off" placeholder="e.g. gpt-4o" value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} autoFocus />
        <Select
          label="Strategy"
          value={values.strategy}
          onChange={(e) => set('strategy', e.target.value as Strategy)}
          hint={strategyLabels[values.strategy].description}
          error={errors.strategy}
        >
          {STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {strategyLabels[s].label}
            </option>
          ))}
        </Select>
        <Input label="Priority" inputMode="numeric" autoComplete="off" hint="Higher wins" value={values.priority} onChange={(e) => set('priority', e.target.value)} error={errors.priority} />
      </div>

      <fieldset className="flex flex-col gap-4">
        <legend className="text-sm font-semibold text-neutral-900">Match</legend>
        {errors.match ? <p className="-mt-2 text-xs text-red-600">{errors.match}</p> : null}
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <Textarea
            label="Model names"
            rows={2}
            spellCheck={false}
            placeholder="gpt-4o, gpt-4o-mini, claude-*"
            hint="Comma or line separated; globs with * and ? allowed."
            value={values.models}
            onChange={(e) => set('models', e.target.value)}
            error={errors['match.models']}
          />
          <Textarea
            label="Paths"
            rows={2}
            spellCheck={false}
            placeholder="/v1/custom/endpoint"
            hint="Optional request paths this route also answers."
            value={values.paths}
            onChange={(e) => set('paths', e.target.value)}
            error={errors['match.paths']}
          />
        </div>
        <KeyValueEditor
          legend="Header matchers"
          noun="Matcher"
          rows={values.headers}
          onChange={(headers) => set('headers', headers)}
          hint="Optional: the request must also carry these headers with these values."
          error={errors['match.headers']}
          namePlaceholder="x-team"
          valuePlaceholder="value"
        />
      </fieldset>

      <TargetsEditor
        list="targets"
        title="Targets"
        description="Where matched requests go. Weights share the traffic."
        rowLabel="Target"
        targets={values.targets}
        sources={sources}
        errors={errors}
        onChange={(targets) => set('targets', targets)}
        min={1}
      />
      <TargetsEditor
        list="fallback"
        title="Fallback targets"
        description="Tried, in turn, when every target fails. Optional."
        rowLabel="Fallback"
        targets={values.fallback}
        sources={sources}
        errors={errors}
        onChange={(fallback) => set('fallback', fallback)}
        min={0}
      />

      <Checkbox label="Enabled" hint="A disabled route matches nothing." checked={values.enabled} onChange={(e) => set('enabled', e.target.checked)} />
    </FormDialog>
  );
}
