def log(self, lvl, msg, *args, **kwargs):
    """Log a given statistic if metric, value and type are present
    """
    try:
        extra = kwargs.get("extra", None)
        if extra is not None:
            metric = extra.get(METRIC_VAR, None)
            value = extra.get(VALUE_VAR, None)
            typ = extra.get(MTYPE_VAR, None)
            if metric and value and typ:
                if typ == GAUGE_TYPE:
                    self.gauge(metric, value)
                elif typ == COUNTER_TYPE:
                    self.increment(metric, value)
                elif typ == HISTOGRAM_TYPE:
                    self.histogram(metric, value)
                else:
                    pass

        # Log to parent logger only if there is something to say
        if msg is not None and len(msg) > 0:
            Logger.log(self, lvl, msg, *args, **kwargs)
    except Exception:
        pass
