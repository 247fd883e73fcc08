// Removes dist/ before a build so files deleted from the sources never linger in the package.
require('fs').rmSync(require('path').join(__dirname, '..', 'dist'), {
	recursive: true,
	force: true,
});
