using System.Text.Json;
using NeevCloud.Operator.Cloud;

namespace NeevCloud.Operator.Tests.Cloud;

/// <summary>The wire format of the contract (snake_case, optional fields omitted) without a server.</summary>
public sealed class CloudJsonTests
{
    private const string VmJson = """
        {
          "id": "0b6f8a3e-2f7c-4c1e-9d4a-1f2e3d4c5b6a", "name": "web-1", "region_id": "in-mum-1",
          "delete_root_disk": true, "status": "suspending", "message": "host maintenance",
          "vm_config_id": "cfg-a100", "gpu_config_count": 2, "plan_id": "hourly", "image_id": "ubuntu-24.04",
          "root_disk": { "id": "6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "name": "web-1-root", "type": "block", "size_gb": 50 },
          "data_disks": null, "public_ip": "203.0.113.7",
          "exposed_ports": [ { "port": 443, "protocol": "tcp" } ],
          "created_at": "2026-11-20T10:00:00Z", "updated_at": "2026-11-20T10:05:00Z",
          "a_field_added_later": { "x": 1 }
        }
        """;

    [Fact]
    public void Vm_response_reads_every_field_and_tolerates_a_new_status_and_new_fields()
    {
        var vm = JsonSerializer.Deserialize(VmJson, NeevCloudJsonContext.Default.CloudVm)!;

        Assert.Equal("0b6f8a3e-2f7c-4c1e-9d4a-1f2e3d4c5b6a", vm.Id);
        Assert.Equal("in-mum-1", vm.RegionId);
        Assert.True(vm.DeleteRootDisk);
        Assert.Equal(VmStatus.Unknown, vm.Status.Value);
        Assert.Equal("suspending", vm.Status.Raw);
        Assert.Equal(2, vm.GpuConfigCount);
        Assert.Equal(new CloudVmDisk("6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "web-1-root", DiskType.Block, 50), vm.RootDisk);
        Assert.Null(vm.DataDisks);
        Assert.Equal("203.0.113.7", vm.PublicIp);
        Assert.Equal(new ExposedPort(443, PortProtocol.Tcp), Assert.Single(vm.ExposedPorts!));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 5, 0, TimeSpan.Zero), vm.UpdatedAt);
    }

    [Fact]
    public void Create_vm_request_is_snake_case_and_omits_what_is_not_set()
    {
        var request = new CreateVmRequest("web-1", "in-mum-1", "cfg-a100", "hourly", RootDiskSource.Create("web-1-root", 50, "ubuntu-24.04"))
        {
            DataDisks = new DataDisksRequest(CreateDisks: [new CreateDataDiskRequest("scratch", DiskType.Filesystem, 100)]),
            ExposedPorts = [new ExposedPort(8080, PortProtocol.Udp)],
        };

        var json = JsonSerializer.Serialize(request, NeevCloudJsonContext.Default.CreateVmRequest);

        const string Expected = """
            {"name":"web-1","region_id":"in-mum-1","vm_config_id":"cfg-a100","plan_id":"hourly",
            "root_disk":{"create_disk_request":{"name":"web-1-root","size_gb":50,"image_id":"ubuntu-24.04"}},
            "data_disks":{"create_disks":[{"name":"scratch","type":"filesystem","size_gb":100}]},
            "exposed_ports":[{"port":8080,"protocol":"udp"}]}
            """;
        Assert.Equal(Expected.ReplaceLineEndings(string.Empty), json);
    }

    [Fact]
    public void Update_project_request_sends_an_empty_description_to_clear_it_and_omits_the_name()
    {
        var json = JsonSerializer.Serialize(new UpdateProjectRequest(Description: ""), NeevCloudJsonContext.Default.UpdateProjectRequest);

        Assert.Equal("""{"description":""}""", json);
    }

    [Fact]
    public void Project_deletion_conflict_details_read_the_airuntimes_count()
    {
        var error = JsonSerializer.Deserialize(
            """{"code":"project_has_resources","message":"busy","details":{"api_keys":1,"airuntimes":2,"storage_volumes":3}}""",
            NeevCloudJsonContext.Default.ErrorResponse)!;

        Assert.Equal(new ProjectResourceCounts(1, 2, 3), error.Details);
    }

    [Fact]
    public void Login_records_never_print_the_secret()
    {
        Assert.DoesNotContain("hunter2", new LoginRequest("ops@example.com", "hunter2").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("tok-123", new LoginResponse("tok-123", 3600).ToString(), StringComparison.Ordinal);
    }
}
