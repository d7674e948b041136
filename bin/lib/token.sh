# shellcheck shell=bash
# token: a local dev credential (JWT, RS256) signed with .membank/keys/jwt-private.pem.

TOKEN_ROLES=(reader writer admin auditor)
TOKEN_ISSUER=membank-local
# Key ids in .membank/keys/jwks.json: users' credentials and service-to-service credentials.
JWT_USER_KID=membank-user
JWT_SERVICE_KID=membank-service

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

b64url_decode() {
  local s=$1
  s=${s//-/+}
  s=${s//_//}
  case $((${#s} % 4)) in
    2) s+="==" ;;
    3) s+="=" ;;
  esac
  printf '%s' "$s" | openssl base64 -d -A
}

uuid() {
  if [[ -r /proc/sys/kernel/random/uuid ]]; then
    cat /proc/sys/kernel/random/uuid
  else
    local h
    h=$(openssl rand -hex 16)
    printf '%s-%s-4%s-a%s-%s\n' "${h:0:8}" "${h:8:4}" "${h:13:3}" "${h:17:3}" "${h:20:12}"
  fi
}

# make_token TENANT SUBJECT ROLES(comma list) TTL — prints the JWT.
make_token() {
  local tenant=$1 subject=$2 roles=$3 ttl=$4 key="$MB_KEYS/jwt-private.pem"
  local role r groups="" known iat exp header payload signing_input sig
  local -a role_list
  [[ "$tenant" =~ ^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$ ]] || die "token: --tenant must match [A-Za-z0-9._@-]{1,128}"
  [[ "$subject" =~ ^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$ ]] || die "token: --subject must match [A-Za-z0-9._@-]{1,128}"
  [[ "$ttl" =~ ^[1-9][0-9]{0,7}$ ]] || die "token: --ttl must be a positive number of seconds"
  [[ -n "$roles" ]] || die "token: --roles needs at least one of: ${TOKEN_ROLES[*]}"
  IFS=',' read -r -a role_list <<<"$roles"
  for role in "${role_list[@]}"; do
    known=0
    for r in "${TOKEN_ROLES[@]}"; do [[ "$role" == "$r" ]] && known=1; done
    ((known)) || die "token: unknown role '$role' (roles: ${TOKEN_ROLES[*]})"
    [[ ",$groups," == *",\"$role\","* ]] || groups+="${groups:+,}\"$role\""
  done
  [[ -s "$key" ]] || die "token: no signing key $key (run bin/membank setup)"
  iat=$(date +%s)
  exp=$((iat + ttl))
  header=$(printf '{"alg":"RS256","typ":"JWT","kid":"%s"}' "$JWT_USER_KID" | b64url)
  payload=$(printf '{"iss":"%s","sub":"%s","upn":"%s","tenant":"%s","groups":[%s],"iat":%d,"exp":%d,"jti":"%s"}' \
    "$TOKEN_ISSUER" "$subject" "$subject" "$tenant" "$groups" "$iat" "$exp" "$(uuid)" | b64url)
  signing_input="$header.$payload"
  sig=$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$key" -binary | b64url)
  printf '%s.%s\n' "$signing_input" "$sig"
}

cmd_token() {
  local tenant="" subject="" roles="" ttl=3600
  while (($#)); do
    case "$1" in
      --tenant) tenant=${2:-}; shift 2 || die "token: --tenant needs a value" ;;
      --tenant=*) tenant=${1#*=}; shift ;;
      --subject) subject=${2:-}; shift 2 || die "token: --subject needs a value" ;;
      --subject=*) subject=${1#*=}; shift ;;
      --roles) roles=${2:-}; shift 2 || die "token: --roles needs a value" ;;
      --roles=*) roles=${1#*=}; shift ;;
      --ttl) ttl=${2:-}; shift 2 || die "token: --ttl needs a value" ;;
      --ttl=*) ttl=${1#*=}; shift ;;
      *) die "token: unknown argument $1 (usage: token --tenant T --subject S --roles r1,r2 [--ttl 3600])" ;;
    esac
  done
  [[ -n "$tenant" && -n "$subject" && -n "$roles" ]] ||
    die "token: usage: token --tenant T --subject S --roles r1,r2 [--ttl 3600]"
  ensure_dirs
  [[ -s "$MB_KEYS/jwt-private.pem" ]] || setup_keys >&2
  make_token "$tenant" "$subject" "$roles" "$ttl"
}

# verify-token JWT: checks the RS256 signature with jwt-public.pem, prints the claims.
cmd_verify_token() {
  local jwt=${1:-} pub="$MB_KEYS/jwt-public.pem" tmp rc=0
  [[ "$jwt" == *.*.* ]] || die "verify-token: usage: verify-token <jwt>"
  [[ -s "$pub" ]] || die "verify-token: no public key $pub (run bin/membank setup)"
  tmp=$(mktemp)
  b64url_decode "${jwt##*.}" >"$tmp"
  printf '%s' "${jwt%.*}" | openssl dgst -sha256 -verify "$pub" -signature "$tmp" >/dev/null 2>&1 || rc=$?
  rm -f "$tmp"
  ((rc == 0)) || die "verify-token: signature does NOT verify with $pub"
  local rest=${jwt#*.}
  info "signature: OK (RS256, $pub)"
  info "header:    $(b64url_decode "${jwt%%.*}")"
  info "claims:    $(b64url_decode "${rest%%.*}")"
}

# revoke: puts a credential on the revocation list every service checks (Redis key
# membank:revoked:<jti>, kept until the credential would expire anyway). Each service has
# its own Redis database here, so the key is written to every one of them.
cmd_revoke() {
  local jwt="" jti="" ttl="" payload exp now name db
  while (($#)); do
    case "$1" in
      --token) jwt=${2:-}; shift 2 ;;
      --jti) jti=${2:-}; shift 2 ;;
      --ttl) ttl=${2:-}; shift 2 ;;
      *) die "revoke: unknown option $1 (options: --token JWT | --jti ID [--ttl SECONDS])" ;;
    esac
  done
  if [[ -n "$jwt" ]]; then
    payload=$(b64url_decode "$(cut -d. -f2 <<<"$jwt")")
    jti=$(sed -n 's/.*"jti":"\([^"]*\)".*/\1/p' <<<"$payload")
    exp=$(sed -n 's/.*"exp":\([0-9]*\).*/\1/p' <<<"$payload")
    now=$(date +%s)
    [[ -n "$exp" ]] && ttl=$((exp > now ? exp - now : 1))
  fi
  [[ "$jti" =~ ^[A-Za-z0-9._:-]{1,128}$ ]] || die "revoke: give --token JWT or --jti ID (the credential id)"
  ttl=${ttl:-86400}
  [[ "$ttl" =~ ^[1-9][0-9]*$ ]] || die "revoke: --ttl must be a positive number of seconds"
  command -v redis-cli >/dev/null || die "revoke: redis-cli not installed (run bin/membank setup)"
  for name in "${SVC_NAMES[@]}"; do
    db=${SVC_REDIS_DB[$name]}
    redis-cli -h "$(redis_host)" -p "$(redis_port)" -n "$db" SETEX "membank:revoked:$jti" "$ttl" 1 >/dev/null ||
      die "revoke: could not write to Redis db $db ($name)"
  done
  info "revoke: credential $jti revoked for ${ttl}s in ${#SVC_NAMES[@]} services"
}
