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

try:
    from moto.codebuild import responses as _codebuild
except Exception:  # not moto's Python: nothing to fix
    _codebuild = None

if _codebuild is not None and hasattr(_codebuild, "_validate_required_params_environment"):
    import json as _json

    # moto 5.2.1 refuses what CreateProject accepts: a CODEPIPELINE (or
    # NO_SOURCE) source and a CODEPIPELINE artifact without a location,
    # which AWS forbids rather than requires (the pipeline supplies both);
    # the Lambda environment types and BUILD_LAMBDA_* and
    # BUILD_GENERAL1_XLARGE compute types. The enums below are
    # CreateProject's (API_ProjectEnvironment.html, API_ProjectSource.html,
    # API_ProjectArtifacts.html).
    _ENV_TYPES = ["WINDOWS_CONTAINER", "LINUX_CONTAINER", "LINUX_GPU_CONTAINER", "ARM_CONTAINER",
                  "WINDOWS_SERVER_2019_CONTAINER", "WINDOWS_SERVER_2022_CONTAINER",
                  "LINUX_LAMBDA_CONTAINER", "ARM_LAMBDA_CONTAINER", "LINUX_EC2", "ARM_EC2",
                  "WINDOWS_EC2", "MAC_ARM"]
    _COMPUTE_TYPES = ["BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_MEDIUM", "BUILD_GENERAL1_LARGE",
                      "BUILD_GENERAL1_XLARGE", "BUILD_GENERAL1_2XLARGE", "BUILD_LAMBDA_1GB",
                      "BUILD_LAMBDA_2GB", "BUILD_LAMBDA_4GB", "BUILD_LAMBDA_8GB", "BUILD_LAMBDA_10GB",
                      "ATTRIBUTE_BASED_COMPUTE", "CUSTOM_INSTANCE_TYPE"]
    _validate_source = _codebuild._validate_required_params_source
    _validate_artifacts = _codebuild._validate_required_params_artifacts

    def _validate_required_params_source(source):
        if source.get("type") in ("CODEPIPELINE", "NO_SOURCE"):
            return
        _validate_source(source)

    def _validate_required_params_artifacts(artifacts):
        if artifacts.get("type") == "CODEPIPELINE":
            return
        _validate_artifacts(artifacts)

    def _validate_required_params_environment(environment):
        if environment["type"] not in _ENV_TYPES:
            raise _codebuild.InvalidInputException(f"Invalid type provided: {environment['type']}")
        if environment["computeType"] not in _COMPUTE_TYPES:
            raise _codebuild.InvalidInputException(f"Invalid compute type provided: {environment['computeType']}")

    _codebuild._validate_required_params_source = _validate_required_params_source
    _codebuild._validate_required_params_artifacts = _validate_required_params_artifacts
    _codebuild._validate_required_params_environment = _validate_required_params_environment

    # moto 5.2.1 answers every project with encryptionKey alias/aws/s3,
    # whatever CreateProject was given; AWS keeps the key it was given.
    _create_project = _codebuild.CodeBuildResponse.create_project

    def create_project(self):
        out = _create_project(self)
        key = self._get_param("encryptionKey")
        if key:
            project = self.codebuild_backend.codebuild_projects[self._get_param("name")]
            project.project_metadata["encryptionKey"] = key
            return _json.dumps({"project": project.project_metadata})
        return out

    # moto 5.2.1 has no UpdateProject (HTTP 500), so no project can change
    # in place; AWS replaces the fields given and keeps the others.
    _UPDATABLE = {"description": "description", "source": "source", "artifacts": "artifacts",
                  "environment": "environment", "serviceRole": "serviceRole", "cache": "cache",
                  "timeoutInMinutes": "timeoutInMinutes", "queuedTimeoutInMinutes": "queuedTimeoutInMinutes",
                  "encryptionKey": "encryptionKey", "logsConfig": "logsConfig", "vpcConfig": "vpcConfig",
                  "sourceVersion": "sourceVersion", "tags": "tags"}

    def _project_name(backend, name):
        # DeleteProject and UpdateProject take the project's name or ARN
        # (the provider sends the ARN, its resource ID); moto 5.2.1 looks up
        # names only, so DeleteProject of an ARN deleted nothing.
        for project_name, project in backend.codebuild_projects.items():
            if name == project.arn:
                return project_name
        return name

    _delete_project = _codebuild.CodeBuildBackend.delete_project if hasattr(_codebuild, "CodeBuildBackend") else None

    def delete_project(self, project_name):
        return _delete_project(self, _project_name(self, project_name))

    if _delete_project is not None:
        _codebuild.CodeBuildBackend.delete_project = delete_project

    def update_project(self):
        name = _project_name(self.codebuild_backend, self._get_param("name"))
        project = self.codebuild_backend.codebuild_projects.get(name)
        if project is None:
            raise _codebuild.ResourceNotFoundException(f"Project cannot be found: {name}")
        if self._get_param("source") is not None:
            _validate_required_params_source(self._get_param("source"))
        if self._get_param("artifacts") is not None:
            _validate_required_params_artifacts(self._get_param("artifacts"))
        if self._get_param("environment") is not None:
            _validate_required_params_environment(self._get_param("environment"))
        for param, field in _UPDATABLE.items():
            value = self._get_param(param)
            if value is not None:
                project.project_metadata[field] = value
        from moto.core.utils import unix_time
        project.project_metadata["lastModifiedDate"] = unix_time()
        return _json.dumps({"project": project.project_metadata})

    _codebuild.CodeBuildResponse.create_project = create_project
    _codebuild.CodeBuildResponse.update_project = update_project

try:
    from moto.codepipeline import models as _codepipeline
except Exception:  # not moto's Python: nothing to fix
    _codepipeline = None

if _codepipeline is not None and hasattr(_codepipeline.CodePipeline, "metadata"):
    from moto.core.utils import unix_time as _unix_time

    # moto 5.2.1 answers GetPipeline's metadata.created and updated as ISO
    # 8601 strings; CodePipeline's JSON protocol sends timestamps as epoch
    # seconds, and the AWS SDK for Go refuses a string ("expected Timestamp
    # to be a JSON Number"), so no pipeline can be read back.
    def _pipeline_metadata(self):
        return {
            "pipelineArn": self._arn,
            "created": _unix_time(self._created),
            "updated": _unix_time(self._updated),
        }

    _codepipeline.CodePipeline.metadata = property(_pipeline_metadata)
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
