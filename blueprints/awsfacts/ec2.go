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

// ec2Table is the parsed table: types in name order, families in name
// order, and the source and date lines. Slices searched by halves rather
// than maps: building a thousand-entry map was most of a parse, and a run
// that validates an instance type parses the whole table (issue 15).
type ec2Table struct {
	types    []InstanceType // sorted by Name
	families []ec2Family    // sorted by name
	names    []string       // the families' names, sorted
	source   string
	date     time.Time
}

// ec2Family is one family's types, in name order: a run of the table's
// types, as every name that starts with "family." sorts together.
type ec2Family struct {
	name  string
	types []InstanceType
}

// lookup returns the instance type named name.
func (t ec2Table) lookup(name string) (InstanceType, bool) {
	i, ok := slices.BinarySearchFunc(t.types, name, func(it InstanceType, n string) int { return strings.Compare(it.Name, n) })
	if !ok {
		return InstanceType{}, false
	}
	return t.types[i], true
}

// family returns the types of a family, nil for a family the table does
// not have.
func (t ec2Table) family(name string) []InstanceType {
	i, ok := slices.BinarySearchFunc(t.families, name, func(f ec2Family, n string) int { return strings.Compare(f.name, n) })
	if !ok {
		return nil
	}
	return t.families[i].types
}

// ec2 is the parsed table, parsed on first use: most blueprints never look
// an instance type up, and parsing it was a tenth of the CPU a `scaffold
// new` spent before main (issue 15).
var ec2 = sync.OnceValue(func() ec2Table { return parseEC2Table(ec2TypesCSV) })

// parseEC2Table parses the table's text; it panics on a line that is not
// five fields with three numbers, on a name that is not family.size, or on
// a type listed twice (the table is generated: a test parses it).
func parseEC2Table(text string) ec2Table {
	t := ec2Table{types: make([]InstanceType, 0, strings.Count(text, "\n")+1)}
	sorted := true
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
		family, size, _ := strings.Cut(f[0], ".")
		if family == "" || size == "" {
			// The families are runs of names that start "family.": a name
			// without one would split its family's run.
			panic("awsfacts: ec2_instance_types.csv: " + f[0] + " is not family.size")
		}
		if n := len(t.types); n > 0 && t.types[n-1].Name >= f[0] {
			sorted = false
		}
		t.types = append(t.types, InstanceType{Name: f[0], Family: family, VCPUs: num[0], MemoryMiB: num[1], GPUs: num[2], Arch: f[4]})
	}
	if !sorted { // internal/genec2 sorts it; a table edited by hand may not be
		slices.SortStableFunc(t.types, func(a, b InstanceType) int { return strings.Compare(a.Name, b.Name) })
	}
	for i := 1; i < len(t.types); i++ {
		if t.types[i].Name == t.types[i-1].Name {
			panic("awsfacts: ec2_instance_types.csv: " + t.types[i].Name + " is listed twice")
		}
	}
	for i := 0; i < len(t.types); {
		j := i + 1
		for j < len(t.types) && t.types[j].Family == t.types[i].Family {
			j++
		}
		t.families = append(t.families, ec2Family{name: t.types[i].Family, types: t.types[i:j:j]})
		i = j
	}
	// "u-3tb1.56xlarge" sorts before "u.large", so the families' order
	// need not be their names' order.
	slices.SortFunc(t.families, func(a, b ec2Family) int { return strings.Compare(a.name, b.name) })
	t.names = make([]string, len(t.families))
	for i, f := range t.families {
		t.names[i] = f.name
	}
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
	return ec2().lookup(name)
}

// InstanceFamilies lists every EC2 instance family of the table, sorted.
func InstanceFamilies() []string { return slices.Clone(ec2().names) }

// FamilyTypes lists the instance types of an EC2 family (nil if none).
func FamilyTypes(family string) []InstanceType { return ec2().family(family) }

// familySizes is "large, xlarge, 2xlarge, ..." for a family, in the order
// of vCPUs.
func familySizes(family string) string {
	ts := slices.Clone(ec2().family(family))
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
			out = append(out, ec2().family(f)...)
		}
		return out, true
	}
	if t, ok := ec2().lookup(item); ok {
		return []InstanceType{t}, true
	}
	if ts := ec2().family(item); ts != nil {
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
