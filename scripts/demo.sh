#!/usr/bin/env bash
# ContactSync end to end on this machine, with nothing but the .NET SDK and PostgreSQL's server binaries:
#   1. a throwaway PostgreSQL (in .demo/, removed afterwards) and the Nexudus Sandbox on loopback;
#   2. the worker's sync job over samples/contacts.csv, then the contacts now in the Sandbox;
#   3. the same sync again: nothing changed, so nothing is sent;
#   4. the worker host with its dashboard (kept running until Ctrl-C when run from a terminal;
#      pass --no-serve to skip, --serve to keep it running anyway).
# --source companies-house reads the Sandbox's company register instead (directors and former names of the
# seeded companies, resolved to their contracts by the company number in each coworker's Custom1), then
# resigns a director and renames a company on the register and runs again (Mirror: one removal, one alias).
# --source hubspot reads the Sandbox's HubSpot CRM (directors and nominated recipients by association label, with
# awkward names, missing emails and free-text birth dates), then edits one contact and runs again: the second run
# is an incremental one, one search for what changed, and one contact's two roles updated.
# --source sumsub reads the Sandbox's Sumsub (the KYB cases of companies 1 and 3-6): only people whose own review is
# approved, on companies whose review is approved, are written; then the worker host starts, Sumsub approves a
# pending director and withdraws an approval, and its signed webhooks queue a run of that company alone, which
# writes the one and removes the other (Mirror) within seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

serve=auto
source_kind=csv
while [ $# -gt 0 ]; do
  case "$1" in
    --serve) serve=yes ;;
    --no-serve) serve=no ;;
    --source) shift; source_kind=${1:-} ;;
    --source=*) source_kind=${1#--source=} ;;
    *) echo "usage: $0 [--serve|--no-serve] [--source csv|companies-house|hubspot|sumsub]" >&2; exit 2 ;;
  esac
  shift
done
case "$source_kind" in
  csv|companies-house|hubspot|sumsub) ;;
  *) echo "usage: $0 [--serve|--no-serve] [--source csv|companies-house|hubspot|sumsub]" >&2; exit 2 ;;
esac
if [ "$serve" = auto ]; then
  if [ -t 0 ] && [ -z "${CI:-}" ]; then serve=yes; else serve=no; fi
fi

state=.demo
config=Release
out() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() { local p=$1; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }
wait_http() {
  local url=$1 deadline=$((SECONDS + 60))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for $url" >&2; return 1; }
    sleep 0.5
  done
}

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/pg-local.sh stop "$state/pg" >/dev/null 2>&1 || true
  rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

out "Building ($config)"
dotnet build ContactSync.sln -c "$config" -nologo -v quiet -clp:ErrorsOnly

rm -rf "$state"
mkdir -p "$state"

out "Starting a throwaway PostgreSQL"
ConnectionStrings__ContactSync="$(scripts/pg-local.sh start "$state/pg")"
export ConnectionStrings__ContactSync
echo "$ConnectionStrings__ContactSync"

# The worker's port is known first: the Sandbox's sign-in provider registers the dashboard's callback on it.
worker_port=$(pick_port 5080)
sandbox_port=$(pick_port $((worker_port + 1)))
sandbox_url="http://127.0.0.1:$sandbox_port"
out "Starting the Nexudus Sandbox at $sandbox_url, with its sign-in provider (log: $state/sandbox.log)"
dotnet "src/ContactSync.Sandbox/bin/$config/net10.0/ContactSync.Sandbox.dll" --urls "$sandbox_url" \
  --oidc-client-id contactsync-demo --oidc-client-secret demo-client-secret \
  --oidc-redirect-uri "http://127.0.0.1:$worker_port/contactsync/signin-oidc" >"$state/sandbox.log" 2>&1 &
pids+=($!)
wait_http "$sandbox_url/_sandbox/health"

export Nexudus__BaseUrl="$sandbox_url"
export Nexudus__Username="operator@sandbox.local"
export Nexudus__Password="sandbox"
if [ "$source_kind" = csv ]; then
  source_name=sample
  export ContactSync__Sources__0__Name="sample"
  export ContactSync__Sources__0__Type="Csv"
  export ContactSync__Sources__0__Path="$PWD/samples/contacts.csv"
  export ContactSync__Sources__0__Schedule="*/5 * * * *"
elif [ "$source_kind" = hubspot ]; then
  source_name=crm
  export ContactSync__ContractResolution__CoworkerField="Custom1"
  export ContactSync__Sources__0__Name="crm"
  export ContactSync__Sources__0__Type="HubSpot"
  export ContactSync__Sources__0__BaseUrl="$sandbox_url"
  export ContactSync__Sources__0__AccessToken="pat-sandbox-0000"
  export ContactSync__Sources__0__RoleLabels__5="Director"
  export ContactSync__Sources__0__RoleLabels__7="NominatedRecipient"
  export ContactSync__Sources__0__CompanyRefProperty="company_number"
  export ContactSync__Sources__0__DateOfBirthProperty="date_of_birth"
  export ContactSync__Sources__0__Mode="Mirror"
  export ContactSync__Sources__0__Schedule="*/10 * * * *"
elif [ "$source_kind" = sumsub ]; then
  source_name=kyc
  export ContactSync__ContractResolution__CoworkerField="Custom1"
  export ContactSync__Sources__0__Name="kyc"
  export ContactSync__Sources__0__Type="Sumsub"
  export ContactSync__Sources__0__BaseUrl="$sandbox_url"
  export ContactSync__Sources__0__AppToken="sbx:contactsync-sandbox"
  export ContactSync__Sources__0__SecretKey="sandbox-sumsub-secret"
  export ContactSync__Sources__0__WebhookSecret="contactsync-demo-sumsub-webhook-secret"
  export ContactSync__Sources__0__Mode="Mirror"
  export ContactSync__Sources__0__Schedule="0 4 * * *"
else
  source_name=register
  export ContactSync__ContractResolution__CoworkerField="Custom1"
  export ContactSync__Sources__0__Name="register"
  export ContactSync__Sources__0__Type="CompaniesHouse"
  export ContactSync__Sources__0__BaseUrl="$sandbox_url"
  export ContactSync__Sources__0__ApiKey="sandbox-register-key"
  export ContactSync__Sources__0__StreamUrl="$sandbox_url/stream"
  export ContactSync__Sources__0__StreamKey="sandbox-stream-key"
  export ContactSync__Sources__0__Mode="Mirror"
  export ContactSync__Sources__0__Schedule="0 3 * * *"
fi
worker=(dotnet "src/ContactSync.Worker/bin/$config/net10.0/ContactSync.Worker.dll")
# People sign in at the Sandbox's provider (viewer / viewer-password, operator / operator-password); scripts use Basic
# with a hashed password. The data-protection keys in PostgreSQL are sealed under a key made for this run.
export Dashboard__Oidc__Authority="$sandbox_url"
export Dashboard__Oidc__ClientId="contactsync-demo"
export Dashboard__Oidc__ClientSecret="demo-client-secret"
export Dashboard__Oidc__Scopes="openid profile roles"
export Dashboard__KeyEncryptionKey="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')"
export Dashboard__Username="automation"
Dashboard__PasswordHash="$(printf '%s\n' contactsync-demo | "${worker[@]}" hash-password)"
export Dashboard__PasswordHash

"${worker[@]}" migrate
if [ "$source_kind" = csv ]; then
  out "Syncing samples/contacts.csv (23 rows, 5 of them deliberately bad; writes paced to Nexudus's 60 a minute)"
elif [ "$source_kind" = sumsub ]; then
  out "Reading the KYB cases in Sumsub of the companies contract resolution knows: approved people of approved companies are written; the pending, on-hold and retry ones are kept unverified, with the state, and nothing is written for them; company 01000004's own review is pending, so nothing of it is written"
elif [ "$source_kind" = hubspot ]; then
  out "Reading every contact of the CRM (a first run is a complete read): nominated recipients and directors of the 50 seeded companies, by association label; unreadable birth dates, company 2 (on two contracts) and company 52 (contract ended) are rejected, with the reason; writes paced to Nexudus's 60 a minute"
else
  out "Syncing the register's directors and former names of the 50 seeded companies (company 2 is on two contracts and company 52's has ended: both are rejected, with the reason; writes paced to Nexudus's 60 a minute, so this takes two minutes)"
fi
set +e
"${worker[@]}" sync-once --source "$source_name"
code=$?
set -e
echo "(exit code $code: 1 means some records were rejected, which this sample is made to show)"
[ "$code" -le 1 ] || exit "$code"

out "ContractContacts now in the Sandbox"
curl -fsS "$sandbox_url/_sandbox/contractcontacts" | python3 -c '
import json, sys
types = {1: "Director", 2: "CompanyAlias", 3: "NominatedRecipient"}
rows = json.load(sys.stdin)
print("%6s  %8s  %-18s  %s" % ("Id", "Contract", "Type", "Name"))
for r in sorted(rows, key=lambda r: (r["CoworkerContractId"], r["Id"])):
    print("%6d  %8d  %-18s  %s" % (r["Id"], r["CoworkerContractId"], types.get(r["ContractContactType"], "?"), r["FullName"]))
print("%d contacts" % len(rows))'

if [ "$source_kind" = companies-house ]; then
  out "On the register: a director of company 01000001 resigns, and company 01000004 records a former name"
  appointment=$(curl -fsS "$sandbox_url/_sandbox/register/companies/01000001" | python3 -c '
import json, sys
items = json.load(sys.stdin)["officers"]["items"]
print(next(i["links"]["self"].rsplit("/", 1)[1] for i in items if i["officer_role"] == "director" and "resigned_on" not in i and "self" in i["links"]))')
  curl -fsS -X POST -H 'Content-Type: application/json' -d '{"resignedOn":"2026-11-30"}' \
    "$sandbox_url/_sandbox/register/companies/01000001/officers/$appointment/resign"
  curl -fsS -X POST -H 'Content-Type: application/json' -d '{"name":"DELTA OLD NAME LIMITED","effectiveFrom":"2014-01-01","ceasedOn":"2026-11-20"}' \
    "$sandbox_url/_sandbox/register/companies/01000004/previous-names"
  out "Syncing again: one contact removed (Mirror), one alias created, everything else unchanged"
elif [ "$source_kind" = hubspot ]; then
  out "In the CRM: contact 100031 (a director and nominated recipient of company 3) gets a new phone number"
  curl -fsS -X PATCH -H 'Content-Type: application/json' -d '{"properties":{"phone":"+44 20 7946 0999"}}' \
    "$sandbox_url/_sandbox/hubspot/contacts/100031" >/dev/null
  out "Syncing again: an incremental read (one search), and the contact's two roles updated"
elif [ "$source_kind" = sumsub ]; then
  out "Starting the worker host, which takes Sumsub's review events at /hooks/sumsub/kyc (log: $state/worker.log)"
  "${worker[@]}" run --urls "http://127.0.0.1:$worker_port" >"$state/worker.log" 2>&1 &
  pids+=($!)
  host_started=yes
  wait_http "http://127.0.0.1:$worker_port/health/live"
  curl -fsS -X PUT -H 'Content-Type: application/json' \
    -d "{\"urls\":[\"http://127.0.0.1:$worker_port/hooks/sumsub/kyc\"],\"secret\":\"$ContactSync__Sources__0__WebhookSecret\"}" \
    "$sandbox_url/_sandbox/sumsub/webhooks/settings" >/dev/null
  out "In Sumsub: the pending director of company 01000001 is approved, and the approval of its other director is withdrawn; Sumsub sends its webhooks"
  read -r pending approved < <(curl -fsS "$sandbox_url/_sandbox/sumsub/seed" | python3 -c '
import json, sys
people = {b["role"]: b["applicantId"] for c in json.load(sys.stdin) for b in c["beneficiaries"]}
print(people["pending-director"], people["register-director"])')
  started=$SECONDS
  curl -fsS -X POST "$sandbox_url/_sandbox/sumsub/applicants/$pending/approve" >/dev/null
  curl -fsS -X POST -H 'Content-Type: application/json' -d '{}' "$sandbox_url/_sandbox/sumsub/applicants/$approved/withdraw" >/dev/null
  until curl -fsS "$sandbox_url/_sandbox/contractcontacts" | python3 -c '
import json, sys
names = {r["FullName"] for r in json.load(sys.stdin) if r["CoworkerContractId"] == 1001}
sys.exit(0 if "Siân Pritchard-Ellis" in names and "Maria de la Cruz" not in names else 1)'; do
    [ $((SECONDS - started)) -lt 120 ] || { echo "the webhooks' run did not reach Nexudus within 2 minutes (see $state/worker.log)" >&2; exit 1; }
    sleep 1
  done
  echo "In Nexudus $((SECONDS - started)) s after the review changes: the approved director created, the withdrawn one removed, by a run of company 01000001 alone"
  curl -fsS "$sandbox_url/_sandbox/sumsub/webhooks" | python3 -c '
import json, sys
print("Webhooks Sumsub sent: %s" % ", ".join("%s %s" % (d["type"], d["statusCode"]) for d in json.load(sys.stdin)))'
else
  out "Syncing again: nothing changed, so nothing is sent"
fi
if [ "$source_kind" != sumsub ]; then
  set +e
  "${worker[@]}" sync-once --source "$source_name"
  set -e
fi
curl -fsS "$sandbox_url/_sandbox/stats" | python3 -c '
import json, sys
posts = json.load(sys.stdin).get("POST /api/billing/contractcontacts", {})
print("POST /api/billing/contractcontacts over both runs: %d %s" % (sum(posts.values()), posts))'
if [ "$source_kind" = hubspot ]; then
  curl -fsS "$sandbox_url/_sandbox/hubspot/calls" | python3 -c '
import json, sys
print("HubSpot calls over both runs: %s" % json.load(sys.stdin))'
elif [ "$source_kind" = sumsub ]; then
  curl -fsS "$sandbox_url/_sandbox/sumsub/calls" | python3 -c '
import json, sys
print("Sumsub calls over both runs: %s" % json.load(sys.stdin))'
fi

if [ "$serve" = yes ]; then
  # Alerts go to the Sandbox's webhook receiver; the CSV sample's rejected share (5 of 23) raises one at start.
  export Alerts__WebhookUrl="$sandbox_url/_sandbox/webhooks/demo"
  export Alerts__WebhookSecret="contactsync-demo-webhook-secret"
  export Alerts__DashboardUrl="http://127.0.0.1:$worker_port"
  if [ "${host_started:-no}" != yes ]; then
    out "Starting the worker host"
    "${worker[@]}" run --urls "http://127.0.0.1:$worker_port" >"$state/worker.log" 2>&1 &
    pids+=($!)
    wait_http "http://127.0.0.1:$worker_port/health/live"
  fi
  echo "Dashboard:  http://127.0.0.1:$worker_port/contactsync  (sign in as operator / operator-password, or viewer / viewer-password: read-only)"
  echo "Hangfire:   http://127.0.0.1:$worker_port/hangfire"
  echo "API:        curl -u automation:contactsync-demo http://127.0.0.1:$worker_port/contactsync/api/runs"
  echo "Alerts:     $sandbox_url/_sandbox/webhooks   (as the webhook received them, signed with contactsync-demo-webhook-secret)"
  echo "Worker log: $state/worker.log.  Press Ctrl-C to stop everything."
  wait "${pids[-1]}"
else
  out "Done"
  echo "Run ./scripts/demo.sh --serve to keep the worker and its dashboard running afterwards."
fi
