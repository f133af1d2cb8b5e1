using System.Text.Json.Nodes;
using NeevCloud.Simulator.Tests.Infrastructure;

namespace NeevCloud.Simulator.Tests;

/// <summary>createVM's field rules (one 400 naming the field), catalog lookups (404/400) and bad ids.</summary>
public sealed class VmValidationTests
{
    private static readonly Dictionary<string, Action<JsonObject>> _breakages = new()
    {
        ["name missing"] = b => b.Remove("name"),
        ["name upper case"] = b => b["name"] = "Web-1",
        ["name underscore"] = b => b["name"] = "web_1",
        ["name ends with dash"] = b => b["name"] = "web-",
        ["name 21 chars"] = b => b["name"] = new string('a', 21),
        ["name trailing newline"] = b => b["name"] = "web\n",
        ["region missing"] = b => b.Remove("region_id"),
        ["vm config empty"] = b => b["vm_config_id"] = "",
        ["plan missing"] = b => b.Remove("plan_id"),
        ["gpu negative"] = b => b["gpu_config_count"] = -1,
        ["gpu not integer"] = b => b["gpu_config_count"] = 1.5,
        ["root disk missing"] = b => b.Remove("root_disk"),
        ["root disk empty"] = b => b["root_disk"] = new JsonObject(),
        ["root disk both"] = b => b["root_disk"]!["attach_disk_request"] = new JsonObject { ["disk_id"] = Operations.AnyUuid },
        ["root size 19"] = b => b["root_disk"]!["create_disk_request"]!["size_gb"] = 19,
        ["root size 2049"] = b => b["root_disk"]!["create_disk_request"]!["size_gb"] = 2049,
        ["root size string"] = b => b["root_disk"]!["create_disk_request"]!["size_gb"] = "20",
        ["root name missing"] = b => b["root_disk"]!["create_disk_request"]!.AsObject().Remove("name"),
        ["root name invalid"] = b => b["root_disk"]!["create_disk_request"]!["name"] = "Root",
        ["root image missing"] = b => b["root_disk"]!["create_disk_request"]!.AsObject().Remove("image_id"),
        ["attach id not uuid"] = b => b["root_disk"] = new JsonObject { ["attach_disk_request"] = new JsonObject { ["disk_id"] = "disk-1" } },
        ["attach id missing"] = b => b["root_disk"] = new JsonObject { ["attach_disk_request"] = new JsonObject() },
        ["five data disks"] = b => b["data_disks"] = new JsonObject { ["create_disks"] = DataDisks(5) },
        ["data disk size 9"] = b => b["data_disks"] = new JsonObject { ["create_disks"] = new JsonArray(DataDisk("d1", "block", 9)) },
        ["data disk type"] = b => b["data_disks"] = new JsonObject { ["create_disks"] = new JsonArray(DataDisk("d1", "ssd", 10)) },
        ["data disk name"] = b => b["data_disks"] = new JsonObject { ["create_disks"] = new JsonArray(DataDisk("D1", "block", 10)) },
        ["five attached disks"] = b => b["data_disks"] = new JsonObject { ["attached_disks"] = AttachedDisks(5) },
        ["attached twice"] = b => b["data_disks"] = new JsonObject
        {
            ["attached_disks"] = new JsonArray(new JsonObject { ["disk_id"] = Operations.AnyUuid }, new JsonObject { ["disk_id"] = Operations.AnyUuid }),
        },
        ["eleven ssh keys"] = b => b["ssh_keys"] = new JsonArray([.. Enumerable.Range(0, 11).Select(i => (JsonNode)$"{VmBodies.Ed25519Key}{i}")]),
        ["ssh key dsa"] = b => b["ssh_keys"] = new JsonArray("ssh-dss AAAAB3NzaC1kc3MAAACBAP1/U4EddRIpUt9KnC7s5Of2EbdSPO9EAMMeP4C2USZpRV1AIlH7WT2NWPq dev"),
        ["ssh key short"] = b => b["ssh_keys"] = new JsonArray("ssh-ed25519 AAAA dev"),
        ["ssh key twice"] = b => b["ssh_keys"] = new JsonArray(VmBodies.Ed25519Key, VmBodies.Ed25519Key),
        ["port 22"] = b => b["exposed_ports"] = new JsonArray(Port(22, "tcp")),
        ["port 0"] = b => b["exposed_ports"] = new JsonArray(Port(0, "tcp")),
        ["port 65536"] = b => b["exposed_ports"] = new JsonArray(Port(65536, "udp")),
        ["port protocol"] = b => b["exposed_ports"] = new JsonArray(Port(80, "icmp")),
        ["port protocol upper"] = b => b["exposed_ports"] = new JsonArray(Port(80, "TCP")),
        ["port pair twice"] = b => b["exposed_ports"] = new JsonArray(Port(80, "tcp"), Port(80, "tcp")),
        ["eleven ports"] = b => b["exposed_ports"] = new JsonArray([.. Enumerable.Range(1000, 11).Select(p => (JsonNode)Port(p, "tcp"))]),
        ["delete_root_disk string"] = b => b["delete_root_disk"] = "yes",
    };

    public static TheoryData<string, string> Breakages => new()
    {
        { "name missing", "name" },
        { "name upper case", "name" },
        { "name underscore", "name" },
        { "name ends with dash", "name" },
        { "name 21 chars", "name" },
        { "name trailing newline", "name" },
        { "region missing", "region_id" },
        { "vm config empty", "vm_config_id" },
        { "plan missing", "plan_id" },
        { "gpu negative", "gpu_config_count" },
        { "gpu not integer", "gpu_config_count" },
        { "root disk missing", "root_disk" },
        { "root disk empty", "root_disk" },
        { "root disk both", "root_disk" },
        { "root size 19", "root_disk.create_disk_request.size_gb" },
        { "root size 2049", "root_disk.create_disk_request.size_gb" },
        { "root size string", "root_disk.create_disk_request.size_gb" },
        { "root name missing", "root_disk.create_disk_request.name" },
        { "root name invalid", "root_disk.create_disk_request.name" },
        { "root image missing", "root_disk.create_disk_request.image_id" },
        { "attach id not uuid", "root_disk.attach_disk_request.disk_id" },
        { "attach id missing", "root_disk.attach_disk_request.disk_id" },
        { "five data disks", "data_disks.create_disks" },
        { "data disk size 9", "data_disks.create_disks[0].size_gb" },
        { "data disk type", "data_disks.create_disks[0].type" },
        { "data disk name", "data_disks.create_disks[0].name" },
        { "five attached disks", "data_disks.attached_disks" },
        { "attached twice", "data_disks.attached_disks[1].disk_id" },
        { "eleven ssh keys", "ssh_keys" },
        { "ssh key dsa", "ssh_keys[0]" },
        { "ssh key short", "ssh_keys[0]" },
        { "ssh key twice", "ssh_keys[1]" },
        { "port 22", "exposed_ports[0].port" },
        { "port 0", "exposed_ports[0].port" },
        { "port 65536", "exposed_ports[0].port" },
        { "port protocol", "exposed_ports[0].protocol" },
        { "port protocol upper", "exposed_ports[0].protocol" },
        { "port pair twice", "exposed_ports[1]" },
        { "eleven ports", "exposed_ports" },
        { "delete_root_disk string", "delete_root_disk" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task A_body_breaking_one_rule_is_400_naming_the_field(string breakage, string field)
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        var body = VmBodies.Valid();
        _breakages[breakage](body);

        var response = await sim.Api.PostAsync(ApiClient.Vms(project), body.ToJsonString());

        Assert.Equal(400, response.Code);
        Assert.Contains(field, response.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(await ListVmsAsync(sim, project));
    }

    [Fact]
    public async Task Every_broken_field_is_named_in_one_answer()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");

        var response = await sim.Api.PostAsync(ApiClient.Vms(project), """{"name":"Bad_Name","root_disk":{}}""");

        Assert.Equal(400, response.Code);
        foreach (var field in new[] { "name", "region_id", "vm_config_id", "plan_id", "root_disk" })
        {
            Assert.Contains(field + ":", response.ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_most_a_valid_body_may_hold_is_accepted()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");

        var vm = await sim.Api.CreateVmAsync(project, "max-1", change: b =>
        {
            b["name"] = new string('m', 20);
            b["root_disk"]!["create_disk_request"]!["size_gb"] = 2048;
            b["data_disks"] = new JsonObject { ["create_disks"] = DataDisks(4) };
            b["ssh_keys"] = new JsonArray([.. Enumerable.Range(0, 9).Select(i => (JsonNode)$"{VmBodies.Ed25519Key}{i}"), VmBodies.RsaKey]);
            b["exposed_ports"] = new JsonArray([.. Enumerable.Range(1, 5).SelectMany(p => new JsonNode[] { Port(p, "tcp"), Port(p, "udp") })]);
        });

        Assert.Equal(4, vm.Json["data_disks"]!.AsArray().Count);
        Assert.Equal(10, vm.Json["exposed_ports"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("region_id", "sim-region-9", 404)]
    [InlineData("vm_config_id", "sim-z900-1x", 400)]
    [InlineData("plan_id", "sim-plan-free", 400)]
    public async Task Ids_missing_from_the_catalog_are_refused(string field, string value, int expected)
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        var body = VmBodies.Valid();
        body[field] = value;

        var response = await sim.Api.PostAsync(ApiClient.Vms(project), body.ToJsonString());

        Assert.Equal(expected, response.Code);
        Assert.Contains(value, response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_image_is_404()
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");
        var body = VmBodies.Valid();
        body["root_disk"]!["create_disk_request"]!["image_id"] = "sim-windows-95";

        var response = await sim.Api.PostAsync(ApiClient.Vms(project), body.ToJsonString());

        Assert.Equal(404, response.Code);
        Assert.Contains("sim-windows-95", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_project_is_404_before_the_body_is_read()
    {
        await using var sim = await TestSimulator.StartAsync();

        var response = await sim.Api.PostAsync(ApiClient.Vms("no-such-project"), "{not json");

        Assert.Equal(404, response.Code);
    }

    public static TheoryData<string, string> VmPaths => new()
    {
        { "GET", "" },
        { "DELETE", "" },
        { "POST", "/start" },
        { "POST", "/stop" },
        { "POST", "/restart" },
    };

    [Theory]
    [MemberData(nameof(VmPaths))]
    public async Task A_vm_id_that_is_not_a_uuid_is_400_and_an_unknown_one_404(string method, string suffix)
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");

        var malformed = await sim.Api.SendAsync(new HttpMethod(method), ApiClient.Vm(project, "vm-1") + suffix);
        var unknown = await sim.Api.SendAsync(new HttpMethod(method), ApiClient.Vm(project, Operations.AnyUuid) + suffix);
        var unknownProject = await sim.Api.SendAsync(new HttpMethod(method), ApiClient.Vm("nope", Operations.AnyUuid) + suffix);

        Assert.Equal(400, malformed.Code);
        Assert.Contains("vm_id", malformed.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(404, unknown.Code);
        Assert.Equal(404, unknownProject.Code);
    }

    [Fact]
    public async Task A_vm_is_not_found_through_another_project()
    {
        await using var sim = await TestSimulator.StartAsync();
        var first = await sim.Api.CreateProjectAsync("first");
        var second = await sim.Api.CreateProjectAsync("second");
        var vm = await sim.Api.CreateVmAsync(first, "web-1");

        Assert.Equal(404, (await sim.Api.GetAsync(ApiClient.Vm(second, vm.Id))).Code);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("limit=101")]
    public async Task List_vms_refuses_paging_outside_the_contract(string query)
    {
        await using var sim = await TestSimulator.StartAsync();
        var project = await sim.Api.CreateProjectAsync("p");

        Assert.Equal(400, (await sim.Api.GetAsync(ApiClient.Vms(project) + "?" + query)).Code);
        Assert.Equal(404, (await sim.Api.GetAsync(ApiClient.Vms("nope"))).Code);
    }

    [Fact]
    public async Task The_vm_limit_per_project_answers_400()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.MaxVmsPerProject = 1);
        var project = await sim.Api.CreateProjectAsync("p");
        await sim.Api.CreateVmAsync(project, "web-1");

        var second = await sim.Api.PostAsync(ApiClient.Vms(project), VmBodies.Valid("web-2").ToJsonString());

        Assert.Equal((400, "resource_limit_exceeded"), (second.Code, second.ErrorCode));
    }

    private static async Task<JsonArray> ListVmsAsync(TestSimulator sim, string project) =>
        (await sim.Api.GetAsync(ApiClient.Vms(project))).Json["data"]!.AsArray();

    private static JsonObject DataDisk(string name, string type, int size) => new() { ["name"] = name, ["type"] = type, ["size_gb"] = size };

    private static JsonArray DataDisks(int count) =>
        new([.. Enumerable.Range(1, count).Select(i => (JsonNode)DataDisk($"data-{i}", i % 2 == 0 ? "filesystem" : "block", 10))]);

    private static JsonArray AttachedDisks(int count) =>
        new([.. Enumerable.Range(1, count).Select(_ => (JsonNode)new JsonObject { ["disk_id"] = Guid.NewGuid().ToString() })]);

    private static JsonObject Port(int port, string protocol) => new() { ["port"] = port, ["protocol"] = protocol };
}
