@unittest.expectedFailure
def test_named_routes(self):
    named_routes = self.fill_named_routes()

    self.assertEqual(3, len(self.router.named_routes()))

    for route in named_routes:
        self.assertIn(route.name, self.router.named_routes())
        self.assertEqual(route, self.router.named_routes()[route.name])
