namespace Integration.Tests.EndToEnd;

/// <summary>Manifests of the end-to-end tests, valid against the simulator's catalog.</summary>
internal static class VmManifests
{
    public const string Region = "sim-region-1";
    public const string VmConfig = "sim-cpu-8x32";
    public const string Plan = "sim-plan-hourly";
    public const string Image = "sim-ubuntu-24-04";

    public static string Project(string name) => $$"""
        apiVersion: neevcloud.com/v1alpha1
        kind: Project
        metadata: {name: {{name}}}
        spec: {}
        """;

    /// <summary>A VM with a new root disk; <paramref name="extraSpec"/> adds spec lines (indented by the caller's YAML flow).</summary>
    public static string VmWithNewDisk(string name, string project, bool deleteRootDisk = true, string image = Image, string extraSpec = "") => $$"""
        {{VmHead(name, project)}}
          rootDisk: {create: {name: {{name}}-disk, sizeGb: 40, imageId: {{image}} } }
          deleteRootDisk: {{deleteRootDisk.ToString().ToLowerInvariant()}}
        {{extraSpec}}
        """;

    /// <summary>Everything of a VM manifest before its root disk.</summary>
    private static string VmHead(string name, string project) => $$"""
        {{VmStart(name, project)}}
          regionId: {{Region}}
          vmConfigId: {{VmConfig}}
          planId: {{Plan}}
        """;

    /// <summary>A VM manifest up to its projectRef, the part every VM has.</summary>
    private static string VmStart(string name, string project) => $$"""
        apiVersion: neevcloud.com/v1alpha1
        kind: VirtualMachine
        metadata: {name: {{name}}}
        spec:
          projectRef: {name: {{project}}}
        """;

    public static string VmAttachingDisk(string name, string project, string rootDisk) => $$"""
        {{VmHead(name, project)}}
          rootDisk: {attach: {rootDiskRef: {name: {{rootDisk}} } } }
        """;

    /// <summary>A VM that adopts the cloud VM <paramref name="vmId"/> as it is (no creation fields).</summary>
    public static string VmAdopting(string name, string project, string vmId) => $$"""
        {{VmStart(name, project)}}
          vmId: {{vmId}}
        """;
}
