"""datatrove pipeline steps of `gonerd build`.

Each step counts what it receives (``total``), passes on (``forwarded``) and drops (``dropped_<reason>``), the
same counters datatrove's own filters keep, so :mod:`gonerd.accounting` can check ``in = out + dropped`` for
every step. Heavy libraries are imported inside ``run`` so that steps pickle cheaply to datatrove's workers.
"""
