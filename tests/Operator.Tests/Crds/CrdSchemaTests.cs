using k8s.Models;

namespace NeevCloud.Operator.Tests.Crds;

/// <summary>Facts about the generated CRDs that users and tools (kubectl, Argo CD, Flux) rely on.</summary>
public sealed class CrdSchemaTests
{
    private const string ReadyColumnPath = ".status.conditions[?(@.type==\"Ready\")].status";

    public static TheoryData<string> Kinds => ["Project", "VirtualMachine", "RootDisk"];

    public static TheoryData<string, string, string> Names => new()
    {
        { "Project", "projects", "nproj" },
        { "VirtualMachine", "virtualmachines", "nvm" },
        { "RootDisk", "rootdisks", "nrd" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Resource_is_namespaced_in_neevcloud_com_v1alpha1_with_short_name_and_category(string kind, string plural, string shortName)
    {
        var crd = GeneratedCrds.ByKind(kind);

        Assert.Equal($"{plural}.neevcloud.com", crd.Metadata.Name);
        Assert.Equal("neevcloud.com", crd.Spec.Group);
        Assert.Equal("Namespaced", crd.Spec.Scope);
        Assert.Equal(plural, crd.Spec.Names.Plural);
        Assert.Equal(kind.ToLowerInvariant(), crd.Spec.Names.Singular);
        Assert.Equal(kind + "List", crd.Spec.Names.ListKind);
        Assert.Equal([shortName], crd.Spec.Names.ShortNames);
        Assert.Equal(["neevcloud"], crd.Spec.Names.Categories);
        var version = Assert.Single(crd.Spec.Versions);
        Assert.Equal("v1alpha1", version.Name);
        Assert.True(version.Served && version.Storage);
        Assert.NotNull(version.Subresources?.Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_field_has_a_description_for_kubectl_explain(string kind)
    {
        var undocumented = GeneratedCrds.Fields(GeneratedCrds.Root(kind))
            .Where(field => string.IsNullOrWhiteSpace(field.Schema.Description))
            .Select(field => field.Path)
            .ToList();

        Assert.Empty(undocumented);
        Assert.False(string.IsNullOrWhiteSpace(GeneratedCrds.Root(kind).Description));
    }

    public static TheoryData<string, string[]> StandardColumns => new()
    {
        { "Project", ["State", "Ready", "Project ID", "Age"] },
        { "VirtualMachine", ["Phase", "Ready", "IP", "VM ID", "Age"] },
        { "RootDisk", ["State", "Ready", "Disk ID", "Attached To", "Age"] },
    };

    [Theory]
    [MemberData(nameof(StandardColumns))]
    public void Kubectl_get_shows_phase_ready_cloud_id_and_age(string kind, string[] expected)
    {
        var columns = GeneratedCrds.ByKind(kind).Spec.Versions.Single().AdditionalPrinterColumns;

        Assert.Equal(expected, columns.Where(c => (c.Priority ?? 0) == 0).Select(c => c.Name));
        Assert.Equal(ReadyColumnPath, columns.Single(c => c.Name == "Ready").JsonPath);
        Assert.Equal(".metadata.creationTimestamp", columns.Single(c => c.Name == "Age").JsonPath);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Printer_columns_point_at_fields_that_exist(string kind)
    {
        // A typo in a column path is not an error anywhere: the column just stays empty.
        var paths = GeneratedCrds.ByKind(kind).Spec.Versions.Single().AdditionalPrinterColumns
            .Select(c => c.JsonPath)
            .Where(path => path != ReadyColumnPath && !path.StartsWith(".metadata.", StringComparison.Ordinal));

        foreach (var path in paths)
        {
            Assert.NotNull(GeneratedCrds.Field(kind, path.TrimStart('.')));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Conditions_are_a_map_keyed_by_type_with_the_metav1_condition_schema(string kind)
    {
        var conditions = GeneratedCrds.Field(kind, "status.conditions");

        Assert.Equal("map", conditions.XKubernetesListType);
        Assert.Equal(["type"], conditions.XKubernetesListMapKeys);
        Assert.Equal(["lastTransitionTime", "message", "reason", "status", "type"], ((V1JSONSchemaProps)conditions.Items).Required);
        Assert.Equal(["True", "False", "Unknown"], GeneratedCrds.Field(kind, "status.conditions[].status").EnumProperty);
        Assert.Equal("integer", GeneratedCrds.Field(kind, "status.observedGeneration").Type);
    }

    public enum Change
    {
        Allowed,
        Immutable,
        ImmutableOnceSet,

        /// <summary>Immutable unless spec.updatePolicy is ReplaceOnApproval (the VM is then replaced on approval).</summary>
        ReplaceableOnApproval,
    }

    // Every spec field, so that a new field cannot slip in without a decision about updates.
    public static TheoryData<string, string, Change> SpecFieldChanges => new()
    {
        { "Project", "organizationId", Change.Immutable },
        { "Project", "displayName", Change.Allowed },
        { "Project", "description", Change.Allowed },
        { "Project", "deletionPolicy", Change.Allowed },
        { "Project", "projectId", Change.ImmutableOnceSet },
        { "Project", "managementPolicy", Change.Allowed },
        { "Project", "deletionProtection", Change.Allowed },
        { "VirtualMachine", "projectRef", Change.Immutable },
        { "VirtualMachine", "regionId", Change.ReplaceableOnApproval },
        { "VirtualMachine", "vmConfigId", Change.ReplaceableOnApproval },
        { "VirtualMachine", "planId", Change.ReplaceableOnApproval },
        { "VirtualMachine", "gpuCount", Change.ReplaceableOnApproval },
        { "VirtualMachine", "rootDisk", Change.Immutable },
        { "VirtualMachine", "deleteRootDisk", Change.Immutable },
        { "VirtualMachine", "dataDisks", Change.ReplaceableOnApproval },
        { "VirtualMachine", "sshKeys", Change.ReplaceableOnApproval },
        { "VirtualMachine", "exposedPorts", Change.ReplaceableOnApproval },
        { "VirtualMachine", "updatePolicy", Change.Allowed },
        { "VirtualMachine", "allowDataLoss", Change.Allowed },
        { "VirtualMachine", "powerState", Change.Allowed },
        { "VirtualMachine", "restartRequestedAt", Change.Allowed },
        { "VirtualMachine", "powerSchedule", Change.Allowed },
        { "VirtualMachine", "expiresAt", Change.Allowed },
        { "VirtualMachine", "onExpiry", Change.Allowed },
        { "VirtualMachine", "deletionPolicy", Change.Allowed },
        { "VirtualMachine", "managementPolicy", Change.Allowed },
        { "VirtualMachine", "deletionProtection", Change.Allowed },
        { "VirtualMachine", "vmId", Change.ImmutableOnceSet },
        { "RootDisk", "projectRef", Change.Immutable },
        { "RootDisk", "diskId", Change.Immutable },
        { "RootDisk", "deletionPolicy", Change.Allowed },
        { "RootDisk", "managementPolicy", Change.Allowed },
        { "RootDisk", "deletionProtection", Change.Allowed },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_spec_field_has_an_update_decision_in_this_table(string kind)
    {
        var decided = SpecFieldChanges.Select(row => row.Data).Where(row => row.Item1 == kind).Select(row => row.Item2).Order();

        Assert.Equal(GeneratedCrds.Field(kind, "spec").Properties.Keys.Order(), decided);
    }

    [Theory]
    [MemberData(nameof(SpecFieldChanges))]
    public void Immutable_spec_fields_reject_changes_with_a_message_naming_the_field(string kind, string field, Change change)
    {
        var rules = GeneratedCrds.Field(kind, $"spec.{field}").XKubernetesValidations ?? [];
        var immutability = rules.Where(r => r.Rule == "self == oldSelf").ToList();

        if (change is Change.Allowed or Change.ReplaceableOnApproval)
        {
            Assert.Empty(immutability);
        }
        else
        {
            Assert.StartsWith($"spec.{field} is immutable", Assert.Single(immutability).Message, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string, string> PresenceRules => new()
    {
        { "Project", "organizationId", "has(self.organizationId) == has(oldSelf.organizationId)" },
        { "Project", "projectId", "!has(oldSelf.projectId) || has(self.projectId)" },
    };

    public static TheoryData<string> ReplaceableVmFields => ["regionId", "vmConfigId", "planId", "gpuCount", "dataDisks", "sshKeys", "exposedPorts"];

    // The condition needs a sibling field, so the whole rule (change, add, remove) lives on spec.
    [Theory]
    [MemberData(nameof(ReplaceableVmFields))]
    public void Replaceable_vm_fields_are_immutable_unless_the_update_policy_replaces_on_approval(string field)
    {
        var spec = GeneratedCrds.Field("VirtualMachine", "spec");

        var rule = Assert.Single(spec.XKubernetesValidations ?? [], r => r.FieldPath == $".{field}" && r.Rule.Contains("oldSelf", StringComparison.Ordinal));
        Assert.Equal(
            $"(self.updatePolicy == 'ReplaceOnApproval') || (has(self.{field}) == has(oldSelf.{field}) && (!has(self.{field}) || self.{field} == oldSelf.{field}))",
            rule.Rule);
        Assert.StartsWith($"spec.{field} is immutable", rule.Message, StringComparison.Ordinal);
        Assert.Contains("ReplaceOnApproval", rule.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PresenceRules))]
    public void Optional_immutable_fields_cannot_be_added_or_removed(string kind, string field, string rule)
    {
        var spec = GeneratedCrds.Field(kind, "spec");

        var presence = Assert.Single(spec.XKubernetesValidations ?? [], r => r.Rule == rule);
        Assert.Equal($".{field}", presence.FieldPath);
        Assert.Contains($"spec.{field}", presence.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Defaults => new()
    {
        // No default for deletionPolicy: unset means Orphan when adopted, Delete when created (status.deletionPolicy).
        { "Project", "spec.managementPolicy", "Manage" },
        { "Project", "spec.deletionProtection", "False" },
        { "VirtualMachine", "spec.powerState", "Running" },
        { "VirtualMachine", "spec.managementPolicy", "Manage" },
        { "VirtualMachine", "spec.deletionProtection", "False" },
        { "VirtualMachine", "spec.deleteRootDisk", "False" },
        { "VirtualMachine", "spec.onExpiry", "Stop" },
        { "VirtualMachine", "spec.updatePolicy", "Refuse" },
        { "VirtualMachine", "spec.allowDataLoss", "False" },
        { "VirtualMachine", "spec.exposedPorts[].protocol", "tcp" },
        { "RootDisk", "spec.managementPolicy", "Manage" },
        { "RootDisk", "spec.deletionProtection", "False" },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Optional_fields_have_the_documented_defaults(string kind, string path, string expected)
    {
        Assert.Equal(expected, Convert.ToString(GeneratedCrds.Field(kind, path).DefaultProperty, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_project_may_omit_its_spec_while_a_vm_or_root_disk_may_not()
    {
        Assert.DoesNotContain("spec", GeneratedCrds.Root("Project").Required ?? []);
        Assert.NotNull(GeneratedCrds.Field("Project", "spec").DefaultProperty);
        Assert.Contains("spec", GeneratedCrds.Root("VirtualMachine").Required);
        Assert.Contains("spec", GeneratedCrds.Root("RootDisk").Required);
    }

    [Fact]
    public void Vm_name_is_limited_to_a_20_character_dns_label_by_rules_on_metadata_name()
    {
        var rules = GeneratedCrds.Field("VirtualMachine", "metadata.name").XKubernetesValidations;

        Assert.Contains(rules, r => r.Rule == "self.size() <= 20");
        Assert.Contains(rules, r => r.Rule.Contains("matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')", StringComparison.Ordinal));
        Assert.All(rules, r => Assert.StartsWith("metadata.name", r.Message, StringComparison.Ordinal));
    }

    // The schema facts the VM API states (CreateVMRequest and friends), checked against the generated CRD.
    public static TheoryData<string, string, string, string> ApiConstraints => new()
    {
        { "VirtualMachine", "spec.rootDisk.create.sizeGb", "range", "20..2048" },
        { "VirtualMachine", "spec.rootDisk.create.name", "length", "1..20" },
        { "VirtualMachine", "spec.rootDisk.create.name", "pattern", "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" },
        { "VirtualMachine", "spec.rootDisk.attach.diskId", "pattern", "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" },
        { "VirtualMachine", "spec.dataDisks.attach", "items", "..4" },
        { "VirtualMachine", "spec.dataDisks.create", "items", "..4" },
        { "VirtualMachine", "spec.dataDisks.create[].sizeGb", "range", "10..2048" },
        { "VirtualMachine", "spec.dataDisks.create[].type", "enum", "block,filesystem" },
        { "VirtualMachine", "spec.sshKeys", "items", "..10" },
        { "VirtualMachine", "spec.sshKeys", "listType", "set" },
        { "VirtualMachine", "spec.sshKeys[]", "length", "50..2000" },
        { "VirtualMachine", "spec.sshKeys[]", "pattern", @"^(ssh-rsa|ssh-ed25519)\s+[A-Za-z0-9+/]+[=]{0,2}(\s+.*)?$" },
        { "VirtualMachine", "spec.exposedPorts", "items", "..10" },
        { "VirtualMachine", "spec.exposedPorts", "listType", "map:port,protocol" },
        { "VirtualMachine", "spec.exposedPorts[].port", "range", "1..65535" },
        { "VirtualMachine", "spec.exposedPorts[].protocol", "enum", "tcp,udp" },
        { "VirtualMachine", "spec.powerState", "enum", "Running,Stopped" },
        { "VirtualMachine", "spec.deletionPolicy", "enum", "Delete,Orphan" },
        { "Project", "spec.displayName", "length", "1..100" },
        { "RootDisk", "spec.diskId", "length", "36..36" },
    };

    [Theory]
    [MemberData(nameof(ApiConstraints))]
    public void Api_constraints_are_in_the_schema(string kind, string path, string facet, string expected)
    {
        var schema = GeneratedCrds.Field(kind, path);

        var actual = facet switch
        {
            "range" => $"{schema.Minimum}..{schema.Maximum}",
            "length" => $"{schema.MinLength}..{schema.MaxLength}",
            "items" => $"{schema.MinItems}..{schema.MaxItems}",
            "pattern" => schema.Pattern,
            "enum" => string.Join(',', schema.EnumProperty ?? []),
            "listType" => schema.XKubernetesListMapKeys is { } keys ? $"{schema.XKubernetesListType}:{string.Join(',', keys)}" : schema.XKubernetesListType,
            _ => throw new ArgumentOutOfRangeException(nameof(facet), facet, "unknown facet"),
        };
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Port_22_is_rejected_by_a_rule_that_points_to_ssh_keys()
    {
        var rule = Assert.Single(GeneratedCrds.Field("VirtualMachine", "spec.exposedPorts[].port").XKubernetesValidations);

        Assert.Equal("self != 22", rule.Rule);
        Assert.Contains("spec.sshKeys", rule.Message, StringComparison.Ordinal);
    }
}
