"""Fixes of moto bugs the proof harness meets, loaded by moto_server's
Python at start (the harness puts this folder on PYTHONPATH). Each fix
names the moto version it was seen with and is listed, with its symptom,
in emulator-gaps.hcl; it makes moto do what AWS does, never more.
"""

try:
    from moto.rds import models as _rds
except Exception:  # not moto's Python: nothing to fix
    _rds = None

if _rds is not None and hasattr(_rds.RDSBackend, "modify_db_subnet_group"):
    _modify_db_subnet_group = _rds.RDSBackend.modify_db_subnet_group

    def modify_db_subnet_group(self, subnet_name, description, subnets):
        # moto 5.2.1 pops the group from its store and never puts it back,
        # so ModifyDBSubnetGroup deletes it; AWS keeps it, modified.
        group = _modify_db_subnet_group(self, subnet_name, description, subnets)
        self.subnet_groups[subnet_name] = group
        return group

    _rds.RDSBackend.modify_db_subnet_group = modify_db_subnet_group

if _rds is not None and hasattr(_rds, "DBInstance"):
    _db_instance_init = _rds.DBInstance.__init__
    _db_instance_update = _rds.DBInstance.update

    def db_instance_init(self, *args, **kwargs):
        # moto 5.2.1 takes CreateDBInstance's enhanced monitoring and
        # Performance Insights settings and forgets them, so
        # DescribeDBInstances returns none of them; AWS returns
        # MonitoringInterval (0 when off) and PerformanceInsightsEnabled
        # always, the role, the key and the retention (7 days unless given)
        # when they are on.
        _db_instance_init(self, *args, **kwargs)
        self.monitoring_interval = kwargs.get("monitoring_interval") or 0
        self.monitoring_role_arn = kwargs.get("monitoring_role_arn")
        self.performance_insights_enabled = bool(kwargs.get("enable_performance_insights"))
        if self.performance_insights_enabled:
            self.performance_insights_kms_key_id = kwargs.get("performance_insights_kms_key_id")
            self.performance_insights_retention_period = kwargs.get("performance_insights_retention_period") or 7

    def db_instance_update(self, *args, **kwargs):
        # ModifyDBInstance stores every other setting under the name
        # DescribeDBInstances reads; EnablePerformanceInsights is the one
        # whose answer has another name (PerformanceInsightsEnabled).
        _db_instance_update(self, *args, **kwargs)
        enable = kwargs.get("enable_performance_insights")
        if enable is not None:
            self.performance_insights_enabled = bool(enable)
            if enable and getattr(self, "performance_insights_retention_period", None) is None:
                self.performance_insights_retention_period = 7

    _rds.DBInstance.__init__ = db_instance_init
    _rds.DBInstance.update = db_instance_update
