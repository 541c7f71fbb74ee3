def test_image_viz(self):
    try:
        self.client.images('busybox', viz=True)
        self.fail('Viz output should not be supported!')
    except Exception:
        pass
