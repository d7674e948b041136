"""Dev credentials for bin/membank: mint, verify and read JWTs with PyJWT.

PyJWT (Debian python3-jwt, with python3-cryptography for RS256) builds and checks the
tokens, so the shell never assembles or parses one by hand. Used by bin/lib/token.sh:

  jwt_tool.py mint KEY.pem KID ISSUER TENANT SUBJECT ROLES(comma list) TTL
  jwt_tool.py verify PUBLIC.pem JWT   -> JSON report; exit 0 valid, 2 expired/not yet, 1 bad
  jwt_tool.py claims JWT              -> the claims, unverified (to revoke a token by its jti)
  jwt_tool.py jwk PUBLIC.pem KID      -> the public key as a JWK (RFC 7517) for RS256
"""

import json
import sys
import time
import uuid

import jwt
from jwt.algorithms import RSAAlgorithm


def mint(key_file, kid, issuer, tenant, subject, roles, ttl):
    now = int(time.time())
    claims = {
        "iss": issuer,
        "sub": subject,
        "upn": subject,
        "tenant": tenant,
        "groups": list(dict.fromkeys(r for r in roles.split(",") if r)),
        "iat": now,
        "exp": now + int(ttl),
        "jti": str(uuid.uuid4()),
    }
    with open(key_file, "rb") as f:
        key = f.read()
    print(jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid}))


def verify(pub_file, token):
    with open(pub_file, "rb") as f:
        key = f.read()
    report = {"signature": "OK", "algorithm": "RS256", "key": pub_file}
    try:
        report["header"] = jwt.get_unverified_header(token)
        claims = jwt.decode(
            token, key, algorithms=["RS256"], options={"verify_exp": False, "verify_nbf": False,
                                                       "verify_aud": False, "verify_iat": False})
    except jwt.InvalidSignatureError:
        print(json.dumps({"signature": "BAD", "key": pub_file,
                          "error": "the signature does not verify with this key"}))
        return 1
    except jwt.PyJWTError as e:
        print(json.dumps({"signature": "BAD", "key": pub_file, "error": str(e)}))
        return 1
    report["claims"] = claims
    now = int(time.time())
    exp, nbf = claims.get("exp"), claims.get("nbf")
    report["now"] = now
    if exp is None:
        report["validity"] = "no exp claim: the services reject it"
        rc = 2
    elif exp <= now:
        report["validity"] = "EXPIRED %ds ago" % (now - exp)
        rc = 2
    elif nbf is not None and nbf > now:
        report["validity"] = "NOT YET VALID (nbf in %ds)" % (nbf - now)
        rc = 2
    else:
        report["validity"] = "valid for %ds more" % (exp - now)
        rc = 0
    print(json.dumps(report, ensure_ascii=False))
    return rc


def claims(token):
    try:
        print(json.dumps(jwt.decode(token, options={"verify_signature": False}),
                         ensure_ascii=False))
    except jwt.PyJWTError as e:
        print("not a JWT: %s" % e, file=sys.stderr)
        return 1
    return 0


def jwk(pub_file, kid):
    with open(pub_file, "rb") as f:
        key = RSAAlgorithm(RSAAlgorithm.SHA256).prepare_key(f.read())
    out = json.loads(RSAAlgorithm.to_jwk(key))
    out.pop("key_ops", None)
    out.update({"use": "sig", "alg": "RS256", "kid": kid})
    print(json.dumps(out))


def main(argv):
    cmd, args = argv[1], argv[2:]
    if cmd == "mint":
        mint(*args)
        return 0
    if cmd == "verify":
        return verify(*args)
    if cmd == "claims":
        return claims(*args)
    if cmd == "jwk":
        jwk(*args)
        return 0
    print("jwt_tool.py: unknown command %s" % cmd, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
