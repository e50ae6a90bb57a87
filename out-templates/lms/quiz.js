/*
 * The assessment of a learning-platform package (gdl build --lms). Runs in the learner's browser, no
 * bundler: plain ES2017. It draws each pool's questions at random at each attempt, scores what was asked
 * (a question counts when every option is chosen exactly as the key says: multiple-answer questions are
 * all or nothing), and reports through window.GdlPlatform, the adapter for the platform (platform.js).
 */
(function () {
    'use strict';
    var form = document.getElementById('gdl-quiz');
    var output = document.getElementById('gdl-quiz-result');
    var submit = document.getElementById('gdl-quiz-submit');
    var platform = window.GdlPlatform;
    var launch = {};
    var done = false;
    if (!form || !output || !submit) {
        return;
    }

    function show(text, state) {
        output.hidden = false;
        output.textContent = text;
        output.setAttribute('data-state', state);
    }

    function all(root, selector) {
        return Array.prototype.slice.call(root.querySelectorAll(selector));
    }

    // Math.random, not the build's seed: a learner who tries again is asked a fresh draw.
    function draw() {
        all(form, '.gdl-quiz__section[data-draw]').forEach(function (section) {
            var questions = all(section, '.gdl-quiz__question');
            var wanted = Number(section.getAttribute('data-draw'));
            var order = questions.slice();
            for (var i = order.length - 1; i > 0; i--) {
                var j = Math.floor(Math.random() * (i + 1));
                var t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            questions.forEach(function (question) {
                var asked = order.indexOf(question) < wanted;
                question.hidden = !asked;
                all(question, 'input').forEach(function (input) {
                    input.disabled = !asked;
                });
            });
        });
    }

    function askedIn(root) {
        return all(root, '.gdl-quiz__question').filter(function (q) {
            return !q.hidden;
        });
    }

    function isRight(question) {
        return all(question, 'input').every(function (input) {
            return input.checked === (input.getAttribute('data-correct') === 'true');
        });
    }

    function isAnswered(question) {
        return all(question, 'input').some(function (input) {
            return input.checked;
        });
    }

    /** The result of the attempt: per module and overall; passed by the platform's mastery score when it sends one, else by every module's pass mark. */
    function grade() {
        var modules = all(form, '.gdl-quiz__module').map(function (block) {
            var asked = askedIn(block);
            var correct = asked.filter(isRight).length;
            var passMark = Number(block.getAttribute('data-pass-mark'));
            // Integers only: 3 of 4 at 75% passes, with no floating-point doubt.
            return { module: block.getAttribute('data-module'), asked: asked.length, correct: correct, passed: correct * 100 >= passMark * asked.length };
        });
        var asked = modules.reduce(function (n, m) { return n + m.asked; }, 0);
        var correct = modules.reduce(function (n, m) { return n + m.correct; }, 0);
        var scaled = asked > 0 ? correct / asked : 1;
        var passed = typeof launch.masteryScore === 'number'
            ? scaled >= launch.masteryScore
            : modules.every(function (m) { return m.passed; });
        return { asked: asked, correct: correct, scaled: scaled, passed: asked > 0 ? passed : undefined, modules: modules };
    }

    function describe(result) {
        if (result.asked === 0) {
            return 'Finished.';
        }
        var percent = Math.round(result.scaled * 100);
        return 'You answered ' + result.correct + ' of ' + result.asked + ' questions correctly (' + percent + '%): ' +
            (result.passed ? 'passed.' : 'not passed. You can try again by launching the course again.');
    }

    // A link back to the platform when it gave one (cmi5's returnURL); only a web address, never script.
    function offerReturn(url) {
        if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
            return;
        }
        var paragraph = document.createElement('p');
        var link = document.createElement('a');
        link.href = url;
        link.className = 'govuk-link';
        link.id = 'gdl-return';
        link.textContent = 'Return to the learning platform';
        paragraph.appendChild(link);
        output.parentNode.insertBefore(paragraph, output.nextSibling);
    }

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (done) {
            return;
        }
        var unanswered = askedIn(form).filter(function (q) { return !isAnswered(q); });
        if (unanswered.length > 0) {
            show('Answer every question before you submit: ' + unanswered.length + ' still to answer.', 'incomplete');
            unanswered[0].querySelector('input').focus();
            return;
        }
        done = true;
        var result = grade();
        all(form, 'input, button').forEach(function (control) {
            control.disabled = true;
        });
        show(describe(result) + ' Sending your result to the learning platform…', 'sending');
        platform.finish(result).then(
            function (after) {
                show(describe(result) + ' Your result has been recorded.', result.passed === false ? 'failed' : 'recorded');
                offerReturn(after && after.returnURL);
            },
            function (error) {
                show(describe(result) + ' The learning platform did not record it: ' + error.message, 'error');
            }
        );
    });

    if (!platform) {
        show('This page was built for a learning platform, and none is connected.', 'error');
        return;
    }
    var started = false;
    // Leaving mid-attempt ends the platform session (SCORM: suspended); a submitted attempt has already ended it.
    window.addEventListener('pagehide', function () {
        if (started && !done && platform.leave) {
            done = true;
            try {
                platform.leave();
            } catch (error) {
                // The page is going: there is no one left to tell.
            }
        }
    });
    platform.start().then(
        function (info) {
            launch = info || {};
            started = true;
            draw();
            submit.disabled = false;
            form.setAttribute('data-ready', 'true');
        },
        function (error) {
            show('The learning platform could not be reached: ' + error.message, 'error');
        }
    );
})();
