package awsfacts

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:generate sh -c "test -n \"$AUTOSCALER\" || { echo 'set AUTOSCALER to a clone of github.com/kubernetes/autoscaler'; exit 1; }; go run ./internal/genec2 -src \"$AUTOSCALER/cluster-autoscaler/cloudprovider/aws/ec2_instance_types.go\" -commit \"$(git -C \"$AUTOSCALER\" rev-parse HEAD)\" -date \"$(git -C \"$AUTOSCALER\" log -1 --format=%cs -- cluster-autoscaler/cloudprovider/aws/ec2_instance_types.go)\" -out ec2_instance_types.csv"

// ec2TypesCSV is the EC2 instance type table: one "name,vCPUs,memory
// MiB,GPUs,architecture" line per type, after comment lines that name its
// source and date. internal/genec2 writes it; see there to refresh it.
//
//go:embed ec2_instance_types.csv
var ec2TypesCSV string

// InstanceType is one EC2 instance type as the table describes it.
type InstanceType struct {
	Name      string // c6i.large
	Family    string // c6i
	VCPUs     int
	MemoryMiB int
	// GPUs is the number of GPUs (or, for dl1, Gaudi accelerators) the
	// Price List API reports; 0 for none.
	GPUs int
	// Arch is x86_64 or arm64 (Graviton).
	Arch string
}

// ec2Table is the parsed table: types by name, families in order, and the
// source and date lines.
type ec2Table struct {
	types    map[string]InstanceType
	families map[string][]InstanceType
	names    []string // families, sorted
	source   string
	date     time.Time
}

// ec2 is the parsed table, parsed on first use: most blueprints never look
// an instance type up, and parsing it was a tenth of the CPU a `scaffold
// new` spent before main (issue 15).
var ec2 = sync.OnceValue(func() ec2Table { return parseEC2Table(ec2TypesCSV) })

func parseEC2Table(text string) ec2Table {
	// Sized and split in place: a run that validates an instance type
	// parses the whole table, and its maps' growth was most of that cost.
	n := strings.Count(text, "\n") + 1
	t := ec2Table{types: make(map[string]InstanceType, n), families: make(map[string][]InstanceType, n/8)}
	for rest := strings.TrimSpace(text); rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if rest, ok := strings.CutPrefix(line, "# source: "); ok {
			t.source = rest
		}
		if rest, ok := strings.CutPrefix(line, "# date: "); ok {
			d, err := time.Parse(time.DateOnly, rest)
			if err != nil {
				panic("awsfacts: ec2_instance_types.csv: " + err.Error())
			}
			t.date = d
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		var f [6]string
		k, tail := 0, line
		for ; k < len(f); k++ {
			var ok bool
			f[k], tail, ok = strings.Cut(tail, ",")
			if !ok {
				break
			}
		}
		if k != 4 {
			panic("awsfacts: ec2_instance_types.csv: bad line " + line)
		}
		var num [3]int
		for i := range num {
			v, err := strconv.Atoi(f[i+1])
			if err != nil {
				panic("awsfacts: ec2_instance_types.csv: " + err.Error())
			}
			num[i] = v
		}
		family, _, _ := strings.Cut(f[0], ".")
		it := InstanceType{Name: f[0], Family: family, VCPUs: num[0], MemoryMiB: num[1], GPUs: num[2], Arch: f[4]}
		t.types[it.Name] = it
		if _, seen := t.families[family]; !seen {
			t.names = append(t.names, family)
		}
		t.families[family] = append(t.families[family], it)
	}
	sort.Strings(t.names)
	return t
}

// EC2TableSource names where the instance type table comes from
// (repository@commit); EC2TableDate is when that list was last generated.
func EC2TableSource() string { return ec2Header().source }

// EC2TableDate is the date of the instance type table's data.
func EC2TableDate() time.Time { return ec2Header().date }

// ec2Header is the table's source and date lines alone, which rule texts
// quote when a blueprint is built, parsed without the thousand lines of
// types after them.
var ec2Header = sync.OnceValue(func() ec2Table {
	end := 0 // the end of the comment lines that start the table
	for end < len(ec2TypesCSV) && ec2TypesCSV[end] == '#' {
		nl := strings.IndexByte(ec2TypesCSV[end:], '\n')
		if nl < 0 {
			end = len(ec2TypesCSV)
			break
		}
		end += nl + 1
	}
	return parseEC2Table(ec2TypesCSV[:end])
})

// LookupInstanceType returns the EC2 instance type name (c6i.large).
func LookupInstanceType(name string) (InstanceType, bool) {
	t, ok := ec2().types[name]
	return t, ok
}

// InstanceFamilies lists every EC2 instance family of the table, sorted.
func InstanceFamilies() []string { return slices.Clone(ec2().names) }

// FamilyTypes lists the instance types of an EC2 family (nil if none).
func FamilyTypes(family string) []InstanceType { return ec2().families[family] }

// familySizes is "large, xlarge, 2xlarge, ..." for a family, in the order
// of vCPUs.
func familySizes(family string) string {
	ts := slices.Clone(ec2().families[family])
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].VCPUs < ts[j].VCPUs })
	parts := make([]string, len(ts))
	for i, t := range ts {
		_, parts[i], _ = strings.Cut(t.Name, ".")
	}
	return strings.Join(parts, ", ")
}

// GravitonFamilyPattern matches the EC2 families whose processor is AWS
// Graviton (arm64): a "g" right after the generation digit (t4g, c6gd,
// im4gn, x2gd) and a1. The asg template chooses its image with the same
// expression; a test checks it against every family of the table.
const GravitonFamilyPattern = `^([a-z]+[0-9]+g|a1$)`

var gravitonFamily = regexp.MustCompile(GravitonFamilyPattern)

// BatchInstanceCategory is an instance_types value of AWS Batch that names
// a set of families Batch chooses from, with the families it stands for.
// Source: ComputeResource.instanceTypes,
// https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResource.html
// (read 2026-11-29): optimal picks from C4, M4 and R4 (C5, M5 and R5 in
// Regions without them); default_x86_64 and default_arm64 from current
// x86 and Graviton families, which Batch may widen over time.
type BatchInstanceCategory struct {
	Name     string
	Arch     string
	Families []string
}

// BatchInstanceCategories are the categories Batch accepts in
// instance_types, besides families and types. Source: Batch API
// ComputeResource.instanceTypes,
// https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResource.html
// (read 2026-11-29): "Starting on 11/01/2025 the behavior of optimal is
// going to be changed to match default_x86_64", so optimal lists
// default_x86_64's families, no longer c4, m4, r4, c5, m5, r5. The provider
// does not validate the list (internal/service/batch/compute_environment.go).
var BatchInstanceCategories = []BatchInstanceCategory{
	{Name: "optimal", Arch: "x86_64", Families: []string{"c6i", "m6i", "r6i", "c7i"}},
	{Name: "default_x86_64", Arch: "x86_64", Families: []string{"c6i", "m6i", "r6i", "c7i"}},
	{Name: "default_arm64", Arch: "arm64", Families: []string{"c6g", "m6g", "r6g", "c7g"}},
}

func batchCategory(name string) (BatchInstanceCategory, bool) {
	for _, c := range BatchInstanceCategories {
		if c.Name == name {
			return c, true
		}
	}
	return BatchInstanceCategory{}, false
}

// ExpandInstanceTypes turns a Batch instance_types item (a category, a
// family or a type) into the instance types it allows, and reports whether
// the table knows it. For a category it returns the families' types the
// table has.
func ExpandInstanceTypes(item string) ([]InstanceType, bool) {
	if c, ok := batchCategory(item); ok {
		var out []InstanceType
		for _, f := range c.Families {
			out = append(out, ec2().families[f]...)
		}
		return out, true
	}
	if t, ok := ec2().types[item]; ok {
		return []InstanceType{t}, true
	}
	if ts, ok := ec2().families[item]; ok {
		return ts, true
	}
	return nil, false
}

// itemArch is the architecture of a Batch instance_types item as Terraform
// can tell it: from the category, or from the family's name.
func itemArch(item string) string {
	if c, ok := batchCategory(item); ok {
		return c.Arch
	}
	family, _, _ := strings.Cut(item, ".")
	if gravitonFamily.MatchString(family) {
		return "arm64"
	}
	return "x86_64"
}

// describeMiB renders MiB as GiB when whole: "16 GiB", "1740 MiB".
func describeMiB(m int) string {
	if m%1024 == 0 {
		return fmt.Sprintf("%d GiB", m/1024)
	}
	return fmt.Sprintf("%d MiB", m)
}

func mustRE(p string) *regexp.Regexp { return regexp.MustCompile(p) }
