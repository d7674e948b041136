# shellcheck shell=bash
# token: a local dev credential (JWT, RS256) signed with .membank/keys/jwt-private.pem.

TOKEN_ROLES=(reader writer admin auditor)
TOKEN_ISSUER=membank-local
# Key ids in .membank/keys/jwks.json: users' credentials and service-to-service credentials.
JWT_USER_KID=membank-user
JWT_SERVICE_KID=membank-service

# Python with PyJWT (Debian python3-jwt): the system one, not a pyenv/venv shim without it.
jwt_python() {
  local py
  for py in /usr/bin/python3 python3; do
    if "$py" -c 'import jwt, cryptography' >/dev/null 2>&1; then
      printf '%s' "$py"
      return 0
    fi
  done
  die "python3 with PyJWT not found (Debian python3-jwt; run bin/membank setup)"
}

jwt_tool() { "$(jwt_python)" "$MB_LIB/jwt_tool.py" "$@"; }

# make_token TENANT SUBJECT ROLES(comma list) TTL — prints the JWT (PyJWT, RS256).
make_token() {
  local tenant=$1 subject=$2 roles=$3 ttl=$4 key="$MB_KEYS/jwt-private.pem"
  local role r known
  local -a role_list
  [[ "$tenant" =~ ^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$ ]] || usage_error token "--tenant must match [A-Za-z0-9._@-]{1,128}"
  [[ "$subject" =~ ^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$ ]] || usage_error token "--subject must match [A-Za-z0-9._@-]{1,128}"
  [[ "$ttl" =~ ^[1-9][0-9]{0,7}$ ]] || usage_error token "--ttl must be a positive number of seconds"
  [[ -n "$roles" ]] || usage_error token "--roles needs at least one of: ${TOKEN_ROLES[*]}"
  IFS=',' read -r -a role_list <<<"$roles"
  for role in "${role_list[@]}"; do
    known=0
    for r in "${TOKEN_ROLES[@]}"; do [[ "$role" == "$r" ]] && known=1; done
    ((known)) || usage_error token "unknown role '$role' (roles: ${TOKEN_ROLES[*]})"
  done
  [[ -s "$key" ]] || die "token: no signing key $key (run bin/membank setup)"
  jwt_tool mint "$key" "$JWT_USER_KID" "$TOKEN_ISSUER" "$tenant" "$subject" "$roles" "$ttl"
}

cmd_token() {
  local tenant="" subject="" roles="" ttl=3600
  while (($#)); do
    case "$1" in
      --tenant) tenant=${2:-}; shift 2 || usage_error token "--tenant needs a value" ;;
      --tenant=*) tenant=${1#*=}; shift ;;
      --subject) subject=${2:-}; shift 2 || usage_error token "--subject needs a value" ;;
      --subject=*) subject=${1#*=}; shift ;;
      --roles) roles=${2:-}; shift 2 || usage_error token "--roles needs a value" ;;
      --roles=*) roles=${1#*=}; shift ;;
      --ttl) ttl=${2:-}; shift 2 || usage_error token "--ttl needs a value" ;;
      --ttl=*) ttl=${1#*=}; shift ;;
      *) usage_error token "unknown argument '$1'" ;;
    esac
  done
  [[ -n "$tenant" && -n "$subject" && -n "$roles" ]] ||
    usage_error token "needs --tenant, --subject and --roles"
  ensure_dirs
  [[ -s "$MB_KEYS/jwt-private.pem" ]] || setup_keys >&2
  make_token "$tenant" "$subject" "$roles" "$ttl"
}

# verify-token JWT: checks the RS256 signature with jwt-public.pem and the time claims (exp,
# nbf); prints the header and claims. Exit 0 only for a token the services would accept now.
cmd_verify_token() {
  local jwt=${1:-} pub="$MB_KEYS/jwt-public.pem" report rc=0
  (($# <= 1)) || usage_error verify-token "unknown argument '$2' (it takes one token)"
  [[ -n "$jwt" ]] || usage_error verify-token "give the token: verify-token <jwt>"
  [[ -s "$pub" ]] || die "verify-token: no public key $pub (run bin/membank setup)"
  report=$(jwt_tool verify "$pub" "$jwt") || rc=$?
  if ((rc == 1)); then
    die "verify-token: signature does NOT verify with $pub: $(jq -r .error <<<"$report")"
  fi
  jq -r '"signature: OK (\(.algorithm), \(.key))",
    "exp:       \(.claims.exp // "none") (\(.claims.exp // 0 | todate)): \(.validity)",
    "header:    \(.header | tojson)",
    "claims:    \(.claims | tojson)"' <<<"$report"
  ((rc == 0)) || die "verify-token: the services reject this token now: $(jq -r .validity <<<"$report")"
}

# revoke: puts a credential on the revocation list every service checks (Redis key
# membank:revoked:<jti>, kept until the credential would expire anyway). Each service has
# its own Redis database here, so the key is written to every one of them.
cmd_revoke() {
  local jwt="" jti="" ttl="" payload exp now name db
  while (($#)); do
    case "$1" in
      --token) jwt=${2:-}; shift 2 || usage_error revoke "--token needs a value" ;;
      --jti) jti=${2:-}; shift 2 || usage_error revoke "--jti needs a value" ;;
      --ttl) ttl=${2:-}; shift 2 || usage_error revoke "--ttl needs a value" ;;
      *) usage_error revoke "unknown argument '$1'" ;;
    esac
  done
  if [[ -n "$jwt" ]]; then
    payload=$(jwt_tool claims "$jwt") || usage_error revoke "--token is not a JWT"
    jti=$(jq -r '.jti // empty' <<<"$payload")
    exp=$(jq -r '.exp // empty' <<<"$payload")
    now=$(date +%s)
    [[ -n "$exp" ]] && ttl=$((exp > now ? exp - now : 1))
  fi
  [[ "$jti" =~ ^[A-Za-z0-9._:-]{1,128}$ ]] || usage_error revoke "give --token JWT or --jti ID (the credential id)"
  ttl=${ttl:-86400}
  [[ "$ttl" =~ ^[1-9][0-9]*$ ]] || usage_error revoke "--ttl must be a positive number of seconds"
  command -v redis-cli >/dev/null || die "revoke: redis-cli not installed (run bin/membank setup)"
  for name in "${SVC_NAMES[@]}"; do
    db=${SVC_REDIS_DB[$name]}
    redis-cli -h "$(redis_host)" -p "$(redis_port)" -n "$db" SETEX "membank:revoked:$jti" "$ttl" 1 >/dev/null ||
      die "revoke: could not write to Redis db $db ($name)"
  done
  info "revoke: credential $jti revoked for ${ttl}s in ${#SVC_NAMES[@]} services"
}
