import { useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { addHost } from '../../store/hostActions';
import { EMPTY_HOST_FORM, hostConfig, hostFormErrors, type HostFormFields } from './hostForm';

interface FieldSpec {
  readonly name: keyof HostFormFields;
  readonly label: string;
  readonly placeholder: string;
  readonly help: string;
}

const fields: readonly FieldSpec[] = [
  { name: 'target', label: 'Host', placeholder: 'user@host:22', help: 'user@host:port; the user defaults to the server’s, the port to 22.' },
  { name: 'identity', label: 'Identity file', placeholder: 'the SSH agent', help: 'A private key on the server’s machine; empty for the agent or ~/.ssh/id_ed25519.' },
  { name: 'node', label: 'Node binary', placeholder: 'node', help: 'On the host; empty for node on its PATH.' },
  { name: 'workers', label: 'Workers', placeholder: 'the host’s cores', help: 'Worker threads on the host; empty for its cores.' },
];

/** The add-host form: each field checked as it is typed; the relay checks again when the host is sent. */
export function AddHostForm({ onDone }: { readonly onDone: () => void }) {
  const [values, setValues] = useState<HostFormFields>(EMPTY_HOST_FORM);
  const [touched, setTouched] = useState<ReadonlySet<keyof HostFormFields>>(new Set());
  const errors = hostFormErrors(values);
  const valid = Object.keys(errors).length === 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) {
      setTouched(new Set(fields.map((field) => field.name)));
      return;
    }
    addHost(hostConfig(values));
    onDone();
  };

  return (
    <form className="host-form" data-testid="hosts.form" onSubmit={submit} noValidate>
      {fields.map((field) => {
        const error = touched.has(field.name) ? errors[field.name] : undefined;
        return (
          <Field key={field.name} label={field.label} help={field.help} error={error}>
            {({ id, describedBy }) => (
              <input
                id={id}
                aria-describedby={describedBy}
                aria-invalid={error !== undefined}
                data-testid={`hosts.form.${field.name}`}
                value={values[field.name]}
                placeholder={field.placeholder}
                spellCheck={false}
                autoComplete="off"
                inputMode={field.name === 'workers' ? 'numeric' : 'text'}
                onChange={(event) => {
                  setValues({ ...values, [field.name]: event.target.value });
                  setTouched(new Set([...touched, field.name]));
                }}
              />
            )}
          </Field>
        );
      })}
      <div className="row">
        <Button type="submit" variant="primary" testId="hosts.form.submit">
          Add host
        </Button>
        <Button testId="hosts.form.cancel" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
