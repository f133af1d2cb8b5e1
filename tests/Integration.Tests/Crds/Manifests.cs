using System.Globalization;
using System.Text.Json.Nodes;

namespace Integration.Tests.Crds;

/// <summary>Valid manifests of the three resources, and small edits to make invalid or changed ones.</summary>
internal static class Manifests
{
    public const string DiskId = "6f1c2a9e-3b7d-4c2e-9a51-0d8e7f6a5b4c";

    public static JsonObject VirtualMachine(string name = "web-1") => Resource("VirtualMachine", name, new JsonObject
    {
        ["projectRef"] = new JsonObject { ["name"] = "team-a" },
        ["regionId"] = "in-mumbai-1",
        ["vmConfigId"] = "cfg-a100-1x",
        ["planId"] = "plan-hourly",
        ["rootDisk"] = new JsonObject
        {
            ["create"] = new JsonObject { ["name"] = "web-1-root", ["sizeGb"] = 50, ["imageId"] = "ubuntu-24-04" },
        },
    });

    public static JsonObject Project(string name = "team-a") => Resource("Project", name, spec: null);

    public static JsonObject RootDisk(string name = "disk-1") => Resource("RootDisk", name, new JsonObject
    {
        ["projectRef"] = new JsonObject { ["name"] = "team-a" },
        ["diskId"] = DiskId,
    });

    /// <summary>Sets the value at a dotted path (e.g. spec.rootDisk.create.sizeGb), creating objects on the way.</summary>
    public static JsonObject With(this JsonObject manifest, string path, JsonNode? value)
    {
        var (parent, name) = Parent(manifest, path);
        parent[name] = value;
        return manifest;
    }

    public static JsonObject Without(this JsonObject manifest, string path)
    {
        var (parent, name) = Parent(manifest, path);
        parent.Remove(name);
        return manifest;
    }

    public static JsonArray Array(int count, Func<int, JsonNode> item) => [.. Enumerable.Range(0, count).Select(item)];

    public static JsonArray Array(params JsonNode[] items) => [.. items];

    /// <summary>A valid OpenSSH ed25519 key; distinct for distinct numbers.</summary>
    public static string SshKey(int number = 0) =>
        $"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{number:D4}q4x1hF0h9S8n3m6b6b4Zb2Gd0mXW0Gk7Zs9bY8c2Lp user{number}@host";

    public static string Uuid(int number) => $"00000000-0000-4000-8000-{number.ToString("D12", CultureInfo.InvariantCulture)}";

    public static JsonObject Port(int port, string? protocol = null)
    {
        var item = new JsonObject { ["port"] = port };
        if (protocol is not null)
        {
            item["protocol"] = protocol;
        }

        return item;
    }

    public static JsonObject NewDataDisk(string name, int sizeGb = 100, string type = "block") =>
        new() { ["name"] = name, ["type"] = type, ["sizeGb"] = sizeGb };

    public static JsonObject ExistingDataDisk(string diskId) => new() { ["diskId"] = diskId };

    public static JsonObject Resource(string kind, string name, JsonObject? spec)
    {
        var resource = new JsonObject
        {
            ["apiVersion"] = "neevcloud.com/v1alpha1",
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = name },
        };
        if (spec is not null)
        {
            resource["spec"] = spec;
        }

        return resource;
    }

    private static (JsonObject Parent, string Name) Parent(JsonObject manifest, string path)
    {
        var segments = path.Split('.');
        var parent = manifest;
        foreach (var segment in segments[..^1])
        {
            if (parent[segment] is not JsonObject next)
            {
                next = [];
                parent[segment] = next;
            }

            parent = next;
        }

        return (parent, segments[^1]);
    }
}
