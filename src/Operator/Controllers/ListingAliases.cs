// The cloud listings the kinds share, by the names the controllers use for them.
global using RootDiskListing = NeevCloud.Operator.Runtime.Polling.PolledListing<
    NeevCloud.Operator.Controllers.ProjectScope, NeevCloud.Operator.Cloud.CloudRootDisk, NeevCloud.Crds.RootDisks.RootDisk>;
global using VmListing = NeevCloud.Operator.Runtime.Polling.PolledListing<
    NeevCloud.Operator.Controllers.ProjectScope, NeevCloud.Operator.Cloud.CloudVm, NeevCloud.Crds.VirtualMachines.VirtualMachine>;
