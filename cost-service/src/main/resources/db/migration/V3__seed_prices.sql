-- List prices (USD per 1M tokens) published by the providers for their common models, as known
-- when this file was written; effective from 2026-01-01. Admins add newer prices through
-- PUT /api/v1/cost/prices (a new row with a later effective_from); this file is never edited for
-- a price change, so earlier usage keeps the price it was recorded under.
insert into price (provider, model, token_kind, usd_per_million, effective_from, source, created_by)
select v.provider, v.model, k.kind, k.usd, timestamptz '2026-01-01 00:00:00+00', 'seed', 'flyway'
from (values
    -- provider, model, input, cached input, output
    ('openai',    'gpt-4o',                  2.50,   1.25,   10.00),
    ('openai',    'gpt-4o-mini',             0.15,   0.075,   0.60),
    ('openai',    'gpt-4.1',                 2.00,   0.50,    8.00),
    ('openai',    'gpt-4.1-mini',            0.40,   0.10,    1.60),
    ('openai',    'gpt-4.1-nano',            0.10,   0.025,   0.40),
    ('openai',    'o4-mini',                 1.10,   0.275,   4.40),
    ('openai',    'text-embedding-3-small',  0.02,   0.02,    0.00),
    ('openai',    'text-embedding-3-large',  0.13,   0.13,    0.00),
    ('anthropic', 'claude-sonnet-4',         3.00,   0.30,   15.00),
    ('anthropic', 'claude-3-5-haiku',        0.80,   0.08,    4.00),
    ('anthropic', 'claude-opus-4',          15.00,   1.50,   75.00),
    ('google',    'gemini-2.5-flash',        0.30,   0.075,   2.50),
    ('google',    'gemini-2.5-pro',          1.25,   0.31,   10.00),
    -- In-process work: no per-token price (its cost is the cluster's, see cloud recommendations).
    ('builtin',   '*',                       0.00,   0.00,    0.00),
    ('onnx',      '*',                       0.00,   0.00,    0.00)
) as v(provider, model, input, cached_input, output)
cross join lateral (values
    ('input', v.input), ('cached_input', v.cached_input), ('output', v.output)
) as k(kind, usd);
