// Copies the icons into dist/icons: the nodes reference them as file:../../icons/bird.svg.
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', copyIcons);

function copyIcons() {
	const iconSource = path.resolve('icons', '*.{png,svg}');
	const iconDestination = path.resolve('dist', 'icons');
	return src(iconSource, { encoding: false }).pipe(dest(iconDestination));
}
