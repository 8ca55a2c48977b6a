package blueprints

// ECSClusterParams is the input of the ecs_cluster component.
type ECSClusterParams struct {
	ExecuteCommand bool
}

// ECSServiceParams is the input of the ecs_service component.
type ECSServiceParams struct {
	EFS            bool
	ExecuteCommand bool
	Database       bool
	StopTimeout    bool
	SharedPath     string
}
