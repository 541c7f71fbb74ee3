def _get_kernel_spec_by_name(self, kernel_name: str, resource_dir: str) -> KernelSpec:
    """Returns a :class:`KernelSpec` instance for a given kernel_name
    and resource_dir.
    """
    kspec = None
    if kernel_name == NATIVE_KERNEL_NAME:
        try:
            from ipykernel.kernelspec import RESOURCES, get_kernel_dict
        except ImportError:
            # It should be impossible to reach this, but let's play it safe
            pass
        else:
            if resource_dir == RESOURCES:
                kdict = get_kernel_dict()
                kspec = self.kernel_spec_class(resource_dir=resource_dir, **kdict)
    if not kspec:
        kspec = self.kernel_spec_class.from_resource_dir(resource_dir)

    if not KPF.instance(parent=self.parent).is_provisioner_available(kspec):
        raise NoSuchKernel(kernel_name)

    return kspec
