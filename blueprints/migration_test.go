package blueprints

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// TestMigrationPathIsP10: explain places container-migration on P10's
// path, phase by phase, and says why not straight to Lambda with the
// source's facts.
func TestMigrationPathIsP10(t *testing.T) {
	path := strings.Join(ContainerMigration().MigrationPath, "\n")
	for _, want := range []string{"Phase 1, this module", "Phase 2", "serverless-api", "Phase 3", "auto scaling", "multi-AZ", "Why not straight to Lambda", "15 minutes", "cold starts", "F7", "F9", "F10", "P10"} {
		if !strings.Contains(path, want) {
			t.Errorf("the migration path does not mention %q:\n%s", want, path)
		}
	}
	for _, b := range All() {
		if b.ID != "container-migration" && len(b.MigrationPath) > 0 {
			t.Errorf("%s claims a place on the migration path", b.ID)
		}
	}
}

// TestMigrationComponents: the database is always wired into the
// container; sticky sessions, the uploads file system and ECS Exec follow
// their answers.
func TestMigrationComponents(t *testing.T) {
	b := ContainerMigration()
	for _, tc := range []struct {
		set                   map[string]cty.Value
		sticky, efs, exec     bool
		wantEngineVersionOfDB string
	}{
		{set: nil, wantEngineVersionOfDB: "postgres"},
		{set: map[string]cty.Value{"sticky_sessions": cty.True, "uploads_efs": cty.True, "enable_execute_command": cty.True, "db_engine": cty.StringVal("mysql")}, sticky: true, efs: true, exec: true, wantEngineVersionOfDB: "mysql"},
	} {
		t.Run(fmt.Sprint(tc.set), func(t *testing.T) {
			given := map[string]spec.Given{}
			for k, v := range tc.set {
				given[k] = spec.Given{Value: v}
			}
			res, err := b.Resolve(given, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			cs := b.Components(res.Answers)
			byName := map[string]spec.Component{}
			for _, c := range cs {
				byName[c.Name] = c
			}
			if alb := byName["alb"].Params.(ALBParams); !alb.Services || alb.TargetType != "ip" || alb.StickySessions != tc.sticky {
				t.Errorf("alb params %+v, want IP targets per service, sticky sessions %v", alb, tc.sticky)
			}
			svc := byName["ecs_service"].Params.(ECSServiceParams)
			if !svc.Database || !svc.StopTimeout || svc.EFS != tc.efs || svc.ExecuteCommand != tc.exec || svc.SharedPath != "var.uploads_path" {
				t.Errorf("ecs_service params %+v, want the database and stop timeout always, EFS %v at var.uploads_path, ECS Exec %v", svc, tc.efs, tc.exec)
			}
			if _, ok := byName["efs"]; ok != tc.efs {
				t.Errorf("efs composed = %v, want %v", ok, tc.efs)
			}
			if rds := byName["rds"].Params.(RDSParams); !rds.Connection || !strings.HasPrefix(rds.ParameterGroupFamily, tc.wantEngineVersionOfDB) {
				t.Errorf("rds params %+v, want the application's connection, engine %s", rds, tc.wantEngineVersionOfDB)
			}
		})
	}
}

// TestMigrationLegacyLimits: the legacy needs take what AWS accepts, and
// scaffold's sensible part of it, in Go and in Terraform alike.
func TestMigrationLegacyLimits(t *testing.T) {
	b := ContainerMigration()
	for _, tc := range []struct {
		set  map[string]string
		want string // the refused question, "" for none
	}{
		{map[string]string{"stop_timeout_s": "120"}, ""},
		{map[string]string{"stop_timeout_s": "121"}, "stop_timeout_s"}, // Fargate's maximum
		{map[string]string{"health_check_grace_period_s": "7200"}, ""},
		{map[string]string{"health_check_grace_period_s": "7201"}, "health_check_grace_period_s"},
		{map[string]string{"sticky_sessions": "true", "sticky_session_duration_s": "604800"}, ""},
		{map[string]string{"sticky_sessions": "true", "sticky_session_duration_s": "604801"}, "sticky_session_duration_s"}, // one week
		{map[string]string{"uploads_efs": "true", "uploads_path": "/"}, "uploads_path"},
		{map[string]string{"uploads_efs": "true", "uploads_path": "/tmp"}, "uploads_path"}, // the scratch volume's mount
		{map[string]string{"uploads_efs": "true", "uploads_path": "/tmpfiles"}, ""},
		// Docker cleans the mount path, so . and .. segments would reach
		// the paths refused above (/app/../tmp is /tmp) or / itself.
		{map[string]string{"uploads_efs": "true", "uploads_path": "/app/../tmp"}, "uploads_path"},
		{map[string]string{"uploads_efs": "true", "uploads_path": "/.."}, "uploads_path"},
		{map[string]string{"uploads_efs": "true", "uploads_path": "/."}, "uploads_path"},
		{map[string]string{"uploads_efs": "true", "uploads_path": "/app/./uploads"}, "uploads_path"},
		{map[string]string{"uploads_efs": "true", "uploads_path": "/app/.uploads"}, ""},
		{map[string]string{"uploads_efs": "true", "uploads_path": "/app/uploads.."}, ""},
		// Where ECS Exec's agent keeps its state and logs (writable
		// volumes of their own when enable_execute_command is on).
		{map[string]string{"uploads_efs": "true", "uploads_path": "/var/lib/amazon"}, "uploads_path"},
		{map[string]string{"uploads_efs": "true", "uploads_path": "/var/log/amazon/ssm"}, "uploads_path"},
		{map[string]string{"uploads_efs": "true", "uploads_path": "/var/lib/app"}, ""},
		{map[string]string{"db_name": "postgres"}, "db_name"},
		{map[string]string{"db_engine": "mysql", "db_name": "postgres"}, ""},
		{map[string]string{"db_env_prefix": "DB-"}, "db_env_prefix"},
		{map[string]string{"cpu": "256", "memory": "4096"}, "memory"}, // the Fargate table, shared with container-service
	} {
		t.Run(fmt.Sprint(tc.set), func(t *testing.T) {
			r := checkSample(t, b, tc.set)
			want := map[string]bool{}
			if tc.want != "" {
				want[tc.want] = true
			}
			if !maps.Equal(r.goRefused, want) || !maps.Equal(r.tfRefused, want) {
				t.Errorf("scaffold refuses %v and Terraform %v, want %v", r.goRefused, r.tfRefused, want)
			}
		})
	}
}

// TestMigrationSharesRulesWithContainerService: the container questions are
// container-service's (same rules), not copies that could drift.
func TestMigrationSharesRulesWithContainerService(t *testing.T) {
	m, cs := ContainerMigration(), ContainerService()
	for _, key := range []string{"image", "container_port", "health_check_path", "cpu", "memory", "min_tasks", "desired_tasks", "max_tasks", "cpu_target_percent", "cpu_architecture", "certificate_arn", "alb_domain_name", "enable_execute_command"} {
		a, b := m.Question(key), cs.Question(key)
		if a == nil || b == nil {
			t.Errorf("%s: missing in container-migration (%v) or container-service (%v)", key, a != nil, b != nil)
			continue
		}
		texts := func(q *spec.Question) []string {
			var out []string
			for _, r := range q.Rules {
				// What fits in the private subnets differs by design: one
				// application and its database against several services.
				if !strings.HasPrefix(r.Text, fitsPrivateSubnetsText) {
					out = append(out, r.Text)
				}
			}
			return out
		}
		if !slices.Equal(texts(a), texts(b)) || a.Shape != b.Shape || !a.Type.Equals(b.Type) {
			t.Errorf("%s: container-migration's rules %q differ from container-service's %q", key, texts(a), texts(b))
		}
	}
}
